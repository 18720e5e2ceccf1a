import Foundation
import JSON
import KaiAPI
import KubeSchema
import Testing
import YAML

/// The DevSession CRD: accepted as a real API server would, the contract's names, columns and
/// defaults, and field-by-field agreement with the Swift types.
@Suite struct DevSessionCRDTests {
    static let root = CRDFixture.root
    static func load(_ relativePath: String) throws -> JSONValue { try CRDFixture.load(relativePath) }

    let crd: JSONValue
    let version: JSONValue
    let schema: StructuralSchema

    init() throws {
        let fixture = try CRDFixture("crds/kai.dev_devsessions.yaml")
        (crd, version, schema) = (fixture.crd, fixture.version, fixture.schema)
    }

    @Test func theAPIServerAcceptsTheCRD() {
        let errors = CRDValidation.validate(crd)
        #expect(errors.isEmpty, "\(errors.map(\.description))")
    }

    @Test func namesScopeAndVersionFollowTheContract() throws {
        #expect(crd[path: "metadata", "name"] == "devsessions.kai.dev")
        #expect(crd[path: "spec", "group"] == "kai.dev")
        #expect(crd[path: "spec", "scope"] == "Cluster")
        #expect(crd[path: "spec", "names", "kind"] == "DevSession")
        #expect(crd[path: "spec", "names", "plural"] == "devsessions")
        #expect(crd[path: "spec", "names", "shortNames"] == ["kds"])
        #expect(crd[path: "spec", "names", "categories"] == ["kai"])
        #expect(crd[path: "spec", "versions"]?.arrayValue?.count == 1)
        #expect(version["name"] == "v1alpha1")
        #expect(version["served"] == true)
        #expect(version["storage"] == true)
        #expect(version[path: "subresources", "status"] == [:])
        #expect(DevSession.resource.path() == "/apis/kai.dev/v1alpha1/devsessions")
        #expect(!DevSession.resource.namespaced)
    }

    @Test func printerColumnsAreTheContractsColumns() throws {
        let columns = try #require(version["additionalPrinterColumns"]?.arrayValue)
        #expect(columns.map { $0["name"]?.stringValue ?? "" } == ["Project", "Phase", "Ready", "Preview", "Age"])
        #expect(columns.map { $0["jsonPath"]?.stringValue ?? "" } == [
            ".spec.projectUUID", ".status.phase", #".status.conditions[?(@.type=="Ready")].status"#,
            ".status.previewURL", ".metadata.creationTimestamp",
        ])
        #expect(columns.map { $0["priority"]?.intValue ?? 0 } == [0, 0, 0, 1, 0])
        #expect(columns.last?["type"] == "date")
    }

    @Test func statusDefaultsToObservedGenerationMinusOne() throws {
        let status = try #require(schema.properties["status"])
        #expect(status.defaultValue == ["observedGeneration": -1])
        var object: JSONValue = ["apiVersion": "kai.dev/v1alpha1", "kind": "DevSession", "metadata": ["name": "a"],
                                 "spec": ["projectUUID": "550e8400-e29b-41d4-a716-446655440000", "projectID": 1, "userID": 2]]
        schema.applyDefaults(to: &object)
        #expect(object["status"] == ["observedGeneration": -1])
    }

    @Test func projectUUIDIsARequiredImmutableLowercaseUUID() throws {
        let spec = try #require(schema.properties["spec"])
        #expect(Set(spec.required) == ["projectUUID", "projectID", "userID"])
        let uuid = try #require(spec.properties["projectUUID"])
        #expect(uuid.format == "uuid")
        #expect(uuid.celRules.map(\.rule) == ["self == oldSelf"])
        #expect(uuid.celRules.first?.message == "projectUUID is immutable")
        #expect(spec.properties["projectID"]?.format == "int64")
        #expect(spec.properties["userID"]?.format == "int64")
    }

    @Test func schemaDefaultsAreTheDocumentedDefaults() throws {
        var object: JSONValue = ["apiVersion": "kai.dev/v1alpha1", "kind": "DevSession", "metadata": ["name": "a"],
                                 "spec": ["projectUUID": "550e8400-e29b-41d4-a716-446655440000", "projectID": 1, "userID": 2]]
        schema.applyDefaults(to: &object)
        let spec = try #require(object["spec"])
        #expect(spec[path: "preview", "image"] == .string(DevSessionDefaults.previewImage))
        #expect(spec[path: "chat", "image"] == .string(DevSessionDefaults.chatImage))
        #expect(spec[path: "vscode", "image"] == .string(DevSessionDefaults.vscodeImage))
        #expect(spec[path: "preview", "port"] == .int(Int64(DevSessionDefaults.previewPort)))
        #expect(spec[path: "chat", "port"] == .int(Int64(DevSessionDefaults.chatPort)))
        #expect(spec[path: "vscode", "port"] == .int(Int64(DevSessionDefaults.vscodePort)))
        #expect(spec[path: "preview", "port"] == 3000)
        #expect(spec[path: "chat", "port"] == 3001)
        #expect(spec[path: "vscode", "port"] == 8080)
        #expect(spec[path: "resources", "limits"] == ["cpu": "2000m", "memory": "4Gi"])
        #expect(spec[path: "resources", "limits"] == JSONValue.object(.init(uniqueKeysWithValues:
            DevSessionDefaults.limits.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })))
        #expect(spec[path: "storage", "size"] == .string(DevSessionDefaults.storageSize))
        #expect(spec[path: "storage", "size"] == "10Gi")
        #expect(spec[path: "ingress", "enabled"] == .bool(DevSessionDefaults.ingressEnabled))
        #expect(spec["expiresAfter"] == .string(DevSessionDefaults.expiresAfter))
        #expect(spec["expiresAfter"] == "8760h")
        #expect(spec["suspend"] == .bool(DevSessionDefaults.suspend))
        // The defaulted object is valid and decodes.
        #expect(schema.validate(object).isEmpty)
        let session = try object.decode(DevSession.self)
        #expect(session.spec.storage?.size == "10Gi")
    }

    @Test func theSampleIsValidAndDecodes() throws {
        var sample = try Self.load("config/samples/kai.dev_v1alpha1_devsession.yaml")
        #expect(sample["kind"] == "DevSession")
        schema.applyDefaults(to: &sample)
        let errors = schema.validate(sample)
        #expect(errors.isEmpty, "\(errors.map(\.description))")
        let session = try sample.decode(DevSession.self)
        #expect(session.releaseName == "dev-session-550e8400")
        #expect(session.namespaceName == "550e8400-e29b-41d4-a716-446655440000")
    }

    /// Each invalid value is refused with an error naming its field.
    @Test(arguments: [
        ("projectUUID", JSONValue.string("550E8400-E29B-41D4-A716-446655440000"), "spec.projectUUID"),
        ("projectUUID", "not-a-uuid", "spec.projectUUID"),
        ("expiresAfter", "1 year", "spec.expiresAfter"),
        ("storage", ["size": "ten gigabytes"], "spec.storage.size"),
        ("preview", ["port": 0], "spec.preview.port"),
        ("vscode", ["port": 70000], "spec.vscode.port"),
        ("resources", ["limits": ["cpu": "two"]], "spec.resources.limits.cpu"),
        ("ingress", ["host": "Not A Host"], "spec.ingress.host"),
        ("chat", ["env": [["value": "x"]]], "spec.chat.env[0].name"),
    ] as [(String, JSONValue, String)])
    func invalidValuesAreRefusedNamingTheField(field: String, value: JSONValue, path: String) {
        var object: JSONValue = ["apiVersion": "kai.dev/v1alpha1", "kind": "DevSession", "metadata": ["name": "a"],
                                 "spec": ["projectUUID": "550e8400-e29b-41d4-a716-446655440000", "projectID": 1, "userID": 2]]
        object[path: "spec", field] = value
        schema.applyDefaults(to: &object)
        let errors = schema.validate(object)
        #expect(errors.contains { $0.field == path }, "\(errors.map(\.description))")
    }

    @Test func quantitiesMayBeWrittenAsNumbers() throws {
        let session = try JSONValue(parsing: """
            {"spec": {"projectUUID": "550e8400-e29b-41d4-a716-446655440000", "projectID": 1, "userID": 2,
                      "storage": {"size": 10}, "resources": {"limits": {"cpu": 2, "memory": "4Gi"}, "requests": {"cpu": 0.5}}}}
            """).decode(DevSession.self)
        #expect(session.spec.storage?.size == "10")
        #expect(session.spec.resources?.limits == ["cpu": "2", "memory": "4Gi"])
        #expect(session.spec.resources?.requests == ["cpu": "0.5"])
        #expect(session.apiVersion == "kai.dev/v1alpha1")
        #expect(session.kind == "DevSession")
    }

    @Test func aQuantityOfTheWrongTypeNamesItsPath() throws {
        let json = try JSONValue(parsing: """
            {"spec": {"projectUUID": "550e8400-e29b-41d4-a716-446655440000", "projectID": 1, "userID": 2,
                      "resources": {"limits": {"cpu": [1]}}}}
            """)
        #expect {
            _ = try json.decode(DevSession.self)
        } throws: { error in
            "\(error)".contains("cpu") && "\(error)".contains("quantity")
        }
    }

    // MARK: - Swift types versus the schema

    @Test func theSwiftTypesAndTheSchemaHaveTheSameFields() throws {
        let encoded = try JSONValue(encoding: DevSessionCRDTests.fullyPopulated)
        var mismatches: [String] = []
        for part in ["spec", "status"] {
            let subschema = try #require(schema.properties[part])
            let value = try #require(encoded[part], "\(part) is not encoded")
            compare(subschema, value, path: part, into: &mismatches)
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        // The top level too: apiVersion, kind, metadata, spec, status.
        #expect(Set(schema.properties.keys) == Set(encoded.objectValue?.keys.map { $0 } ?? []))
    }

    /// Walks schema and value together: an object's keys must be exactly the schema's
    /// properties (every optional is set in the value), recursively.
    func compare(_ schema: StructuralSchema, _ value: JSONValue, path: String, into mismatches: inout [String]) {
        switch value {
        case .object(let members):
            if !schema.properties.isEmpty {
                let declared = Set(schema.properties.keys)
                let present = Set(members.keys)
                for missing in declared.subtracting(present).sorted() { mismatches.append("\(path).\(missing): in the CRD, not in Swift") }
                for extra in present.subtracting(declared).sorted() { mismatches.append("\(path).\(extra): in Swift, not in the CRD") }
                for (key, member) in members {
                    if let child = schema.properties[key] { compare(child, member, path: "\(path).\(key)", into: &mismatches) }
                }
            } else if let values = schema.additionalProperties {
                for (key, member) in members { compare(values, member, path: "\(path).\(key)", into: &mismatches) }
            } else if schema.type == "object" {
                mismatches.append("\(path): Swift has an object, the CRD declares no fields")
            }
        case .array(let items):
            guard let itemSchema = schema.items else {
                mismatches.append("\(path): Swift has a list, the CRD does not")
                return
            }
            if items.isEmpty { mismatches.append("\(path): populate the list to compare its items") }
            // Items of one list may each set different optionals (`value` or `valueFrom`):
            // together they must cover the item schema.
            let objects = items.compactMap(\.objectValue)
            if objects.count == items.count, var merged = objects.first {
                for object in objects.dropFirst() { for (key, member) in object where merged[key] == nil { merged[key] = member } }
                compare(itemSchema, .object(merged), path: "\(path)[*]", into: &mismatches)
            } else {
                for (index, item) in items.enumerated() { compare(itemSchema, item, path: "\(path)[\(index)]", into: &mismatches) }
            }
        default:
            if !schema.properties.isEmpty { mismatches.append("\(path): the CRD has an object, Swift a scalar") }
        }
    }

    /// Every optional set, every list non-empty.
    static let fullyPopulated: DevSession = {
        let env = [
            DevSessionEnvVar(name: "A", value: "1"),
            DevSessionEnvVar(name: "B", valueFrom: DevSessionEnvVarSource(
                secretKeyRef: .init(name: "s", key: "k", optional: true),
                configMapKeyRef: .init(name: "c", key: "k", optional: false),
                fieldRef: .init(apiVersion: "v1", fieldPath: "metadata.name"),
                resourceFieldRef: .init(containerName: "preview", resource: "limits.cpu", divisor: "1m"))),
        ]
        let container = DevSessionContainer(image: "example/image:1", port: 3000, env: env)
        let spec = DevSessionSpec(
            projectUUID: "550e8400-e29b-41d4-a716-446655440000", projectID: 456, userID: 123,
            preview: container, chat: container, vscode: container,
            resources: DevSessionResources(limits: ["cpu": "1"], requests: ["cpu": "500m"]),
            storage: DevSessionStorage(size: "1Gi", storageClassName: "fast"),
            ingress: DevSessionIngress(enabled: true, className: "nginx", host: "dev.example.com", tlsSecretName: "tls",
                                       annotations: ["a": "b"]),
            expiresAfter: "1h", suspend: false)
        let status = DevSessionStatus(
            observedGeneration: 1,
            conditions: [.init(type: "Ready", status: "True", observedGeneration: 1, lastTransitionTime: "2026-01-01T00:00:00Z",
                               reason: "Running", message: "ok")],
            phase: .running, namespace: "ns", releaseName: "r", ipAddress: "10.96.0.1",
            previewURL: "u", previewPath: "/preview", chatURL: "u", chatPath: "/chat", vscodeURL: "u", vscodePath: "/vscode",
            expiresAt: "2026-01-01T00:00:00Z",
            inventory: [.init(apiVersion: "v1", kind: "Service", namespace: "ns", name: "s")],
            lastHandledReconcileAt: "now")
        var session = DevSession(name: "full", spec: spec, status: status)
        session.metadata.uid = "u"
        return session
    }()
}
