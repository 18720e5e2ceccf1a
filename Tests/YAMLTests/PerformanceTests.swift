import JSON
import Testing
import YAML

/// Large inputs: CRDs and manifests of a megabyte must parse comfortably.
/// (No timing assertions; this checks that the work is done correctly at
/// size, and the suite's run time shows the cost.)
@Suite("large documents")
struct PerformanceTests {
    static func largeManifestList(items: Int) -> String {
        var text = "apiVersion: v1\nkind: List\nitems:\n"
        for i in 0..<items {
            text += """
                - apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: config-\(i)
                    labels: {app: web, tier: "\(i % 7)", enabled: yes}
                  data:
                    key: value-\(i)
                    number: "\(i)"
                    script: |
                      echo \(i)
                      exit 0
                  list: [\(i), \(i + 1), 0x1F, 1e3, ~, "quoted"]

                """
        }
        return text
    }

    @Test func parsesAndEmitsAMegabyte() throws {
        let text = Self.largeManifestList(items: 4000)
        #expect(text.utf8.count > 1_000_000)
        let value = try YAML.parse(text)
        let items = try #require(value["items"]?.arrayValue)
        #expect(items.count == 4000)
        #expect(items[3999][path: "metadata", "name"] == "config-3999")
        #expect(items[5]["list"] == [5, 6, 31, 1000, nil, "quoted"])
        let emitted = YAML.emit(value)
        #expect(try YAML.parse(emitted) == value)
    }
}
