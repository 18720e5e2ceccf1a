import JSON
import Testing
import YAML

/// YAML -> value -> YAML -> value is the identity, and emitted text reads
/// back as the value it was emitted from.
@Suite("round trips")
struct RoundTripTests {
    @Test("tricky strings survive emit and parse", arguments: RandomJSON.trickyStrings)
    func trickyString(_ s: String) throws {
        for value: JSONValue in [.string(s), ["k": .string(s)], [.string(s)], [s: 1], [["k": .string(s)]]] {
            let text = YAML.emit(value)
            #expect(strictlyEqual(try YAML.parse(text), value), "\(s.debugDescription) emitted as:\n\(text)")
        }
    }

    @Test func generatedValuesSurviveEmitAndParse() throws {
        var rng = SeededGenerator(seed: 42)
        for i in 0..<200 {
            let value = RandomJSON.value(depth: 5, using: &rng)
            let text = YAML.emit(value)
            let back = try YAML.parse(text)
            // Whole doubles come back as integers (as kubectl reads them), hence `==`.
            #expect(back == value, "value \(i) emitted as:\n\(text)")
            #expect(YAML.emit(back) == text || back != value)
        }
    }

    @Test func yamlToValueToYAMLToValue() throws {
        let source = """
            # a manifest written by hand
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: &labels
                app: web
                enabled: yes
              annotations:
                note: "0123"
                script: |
                  #!/bin/sh
                  echo "hi"   # comment stays
            spec:
              replicas: 1e1
              selector:
                matchLabels: *labels
              template:
                metadata: {labels: {<<: *labels, extra: 'x: y'}}
                spec:
                  containers:
                    - name: c
                      args: [--port, "8080", 0x1F, ~]
                      env:
                        - {name: A, value: "on"}
            """
        let first = try YAML.parse(source)
        let emitted = YAML.emit(first)
        let second = try YAML.parse(emitted)
        #expect(strictlyEqual(first, second))
        #expect(YAML.emit(second) == emitted)
        #expect(first[path: "metadata", "annotations", "script"] == "#!/bin/sh\necho \"hi\"   # comment stays\n")
        #expect(first[path: "spec", "replicas"] == 10)
        #expect(first[path: "spec", "template", "metadata", "labels"] == ["app": "web", "enabled": true, "extra": "x: y"])
        #expect(first[path: "spec", "template", "spec", "containers"]?[0]?["args"] == ["--port", "8080", 31, nil])
    }

    @Test func multiDocumentRoundTrip() throws {
        let values: [JSONValue] = [["a": 1], ["b": ["c", "d\ne"]], ["yes", "|"]]
        let text = YAML.emitAll(values)
        let back = try YAML.parseAll(text)
        #expect(back.count == values.count)
        #expect(zip(back, values).allSatisfy { strictlyEqual($0, $1) })
    }

    @Test func deepButAllowedNesting() throws {
        let depth = 500
        var value: JSONValue = ["leaf": "x"]
        for i in 0..<depth { value = i.isMultiple(of: 2) ? [value] : ["k": value] }
        let text = YAML.emit(value)
        #expect(try YAML.parse(text) == value)
    }
}
