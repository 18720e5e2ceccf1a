import JSON
import Testing
import YAML

@Suite("decoding into Decodable types")
struct DecodingTests {
    struct Deployment: Decodable, Equatable {
        struct Metadata: Decodable, Equatable {
            var name: String
            var labels: [String: String]?
        }
        struct Spec: Decodable, Equatable {
            var replicas: Int
            var paused: Bool?
            var containers: [Container]
        }
        struct Container: Decodable, Equatable {
            var name: String
            var image: String
            var ports: [Int]?
        }
        var apiVersion: String
        var metadata: Metadata
        var spec: Spec
    }

    static let manifest = """
        apiVersion: apps/v1
        metadata:
          name: web
          labels: {app: web, "tier": "1"}
        spec:
          replicas: 3
          paused: off
          containers:
          - name: nginx
            image: nginx:1.27
            ports: [80, 0x1BB]
        """

    @Test func decodesWithKubectlScalarRules() throws {
        let d = try YAML.decode(Deployment.self, from: Self.manifest)
        #expect(d.metadata == .init(name: "web", labels: ["app": "web", "tier": "1"]))
        #expect(d.spec.replicas == 3)
        #expect(d.spec.paused == false)
        #expect(d.spec.containers == [.init(name: "nginx", image: "nginx:1.27", ports: [80, 443])])
    }

    @Test func decodesFromBytes() throws {
        let d = try YAML.decode(Deployment.self, from: Array(Self.manifest.utf8))
        #expect(d.metadata.name == "web")
    }

    @Test func floatWrittenAsExponentDecodesAsInt() throws {
        struct S: Decodable { var size: Int }
        #expect(try YAML.decode(S.self, from: "size: 1e3").size == 1000)
    }

    @Test func typeMismatchNamesPathLineAndColumn() throws {
        let text = Self.manifest.replacing("ports: [80, 0x1BB]", with: "ports: [80, http]")
        let error = try #require(yamlError { _ = try YAML.decode(Deployment.self, from: text) })
        #expect(error.path == "spec.containers[0].ports[1]")
        #expect(error.line == 11)
        #expect(error.column == 17)
        #expect(error.message == "expected Int, found string \"http\"")
        #expect(error.description == "YAMLError: line 11, column 17: spec.containers[0].ports[1]: expected Int, found string \"http\"")
    }

    @Test func missingFieldNamesThePathAndItsParent() throws {
        let text = Self.manifest.replacing("    image: nginx:1.27\n", with: "")
        let error = try #require(yamlError { _ = try YAML.decode(Deployment.self, from: text) })
        #expect(error.path == "spec.containers[0].image")
        #expect(error.message == "required field is missing")
        // The container's mapping starts at its first key, after "- ".
        #expect(error.line == 9)
        #expect(error.column == 5)
    }

    @Test func quotedNumberIsNotAnInt() throws {
        let text = Self.manifest.replacing("replicas: 3", with: "replicas: \"3\"")
        let error = try #require(yamlError { _ = try YAML.decode(Deployment.self, from: text) })
        #expect(error.path == "spec.replicas")
        #expect(error.message == "expected Int, found string \"3\"")
        #expect(error.line == 6)
        #expect(error.column == 13)
    }

    @Test func nullForRequiredValue() throws {
        let text = Self.manifest.replacing("replicas: 3", with: "replicas: ~")
        let error = try #require(yamlError { _ = try YAML.decode(Deployment.self, from: text) })
        #expect(error.path == "spec.replicas")
        #expect(error.message == "expected Int, found null")
    }

    @Test func objectWhereAStringIsExpected() throws {
        let text = Self.manifest.replacing("  name: web\n", with: "  name: {first: web}\n")
        let error = try #require(yamlError { _ = try YAML.decode(Deployment.self, from: text) })
        #expect(error.path == "metadata.name")
        #expect(error.message == "expected String, found an object")
        #expect(error.line == 3)
    }

    @Test func syntaxErrorsStillComeFirst() {
        let error = yamlError { _ = try YAML.decode(Deployment.self, from: "a: [\n") }
        #expect(error?.path == nil)
        #expect(error?.line == 2)
    }
}
