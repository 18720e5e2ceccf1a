import Foundation
import JSON
import KaiAPI
import KubeClient
import KubeSchema
import Testing
import YAML

/// The Channel CRD: accepted as a real API server would, the contract's names, columns,
/// defaults and rules, and field-by-field agreement with the Swift types.
@Suite struct ChannelCRDTests {
    static let root = CRDFixture.root
    static func load(_ relativePath: String) throws -> JSONValue { try CRDFixture.load(relativePath) }

    let crd: JSONValue
    let version: JSONValue
    let schema: StructuralSchema

    init() throws {
        let fixture = try CRDFixture("crds/kai.dev_channels.yaml")
        (crd, version, schema) = (fixture.crd, fixture.version, fixture.schema)
    }

    /// A minimal valid Channel as a user would write it.
    static func object(spec: JSONValue = ["displayName": "Cooking"]) -> JSONValue {
        ["apiVersion": "kai.dev/v1alpha1", "kind": "Channel", "metadata": ["name": "c1", "namespace": "demo"], "spec": spec]
    }

    @Test func theAPIServerAcceptsTheCRD() {
        let errors = CRDValidation.validate(crd)
        #expect(errors.isEmpty, "\(errors.map(\.description))")
    }

    @Test func namesScopeAndVersionFollowTheContract() {
        #expect(crd[path: "metadata", "name"] == "channels.kai.dev")
        #expect(crd[path: "spec", "group"] == "kai.dev")
        #expect(crd[path: "spec", "scope"] == "Namespaced")
        #expect(crd[path: "spec", "names", "kind"] == "Channel")
        #expect(crd[path: "spec", "names", "plural"] == "channels")
        #expect(crd[path: "spec", "names", "shortNames"] == ["kch"])
        #expect(crd[path: "spec", "names", "categories"] == ["kai"])
        #expect(crd[path: "spec", "versions"]?.arrayValue?.count == 1)
        #expect(version["name"] == "v1alpha1")
        #expect(version["served"] == true)
        #expect(version["storage"] == true)
        #expect(version[path: "subresources", "status"] == [:])
        #expect(Channel.resource.path(namespace: "demo") == "/apis/kai.dev/v1alpha1/namespaces/demo/channels")
        #expect(Channel.resource.namespaced)
        #expect(Channel.resource.kind == "Channel")
    }

    @Test func printerColumnsAreTheContractsColumns() throws {
        let columns = try #require(version["additionalPrinterColumns"]?.arrayValue)
        #expect(columns.map { $0["name"]?.stringValue ?? "" } == ["Kernel", "Collection", "Retries", "Ready", "Age"])
        #expect(columns.map { $0["jsonPath"]?.stringValue ?? "" } == [
            ".status.kernelStatus", ".status.qdrantCollectionStatus", ".status.retryCount",
            #".status.conditions[?(@.type=="Ready")].status"#, ".metadata.creationTimestamp",
        ])
        #expect(columns.map { $0["type"]?.stringValue ?? "" } == ["string", "string", "integer", "string", "date"])
    }

    @Test func statusDefaultsToObservedGenerationMinusOne() throws {
        let status = try #require(schema.properties["status"])
        #expect(status.defaultValue == ["observedGeneration": -1])
        var object = Self.object()
        schema.applyDefaults(to: &object)
        #expect(object["status"] == ["observedGeneration": -1])
    }

    @Test func enumsAndRulesAreTheContracts() throws {
        let spec = try #require(schema.properties["spec"])
        #expect(spec.required == ["displayName"])
        let status = try #require(schema.properties["status"])
        let phases: [JSONValue] = ["Pending", "Creating", "Created", "Failed"]
        #expect(status.properties["kernelStatus"]?.enumValues == phases)
        #expect(status.properties["qdrantCollectionStatus"]?.enumValues == phases)
        #expect(ChannelPhase.allCases.map { JSONValue.string($0.rawValue) } == phases)
        #expect(spec.properties["config"]?.preservesUnknownFields == true)
        let conditions = try #require(status.properties["conditions"])
        #expect(conditions.listType(at: []) == .map(keys: ["type"]))
        let retry = try #require(spec.properties["retry"])
        #expect(retry.celRules.count == 1)
        #expect(retry.celRules.first?.message == "maxDelaySeconds must be at least initialDelaySeconds")
    }

    /// The schema's defaults and the Swift decoder's defaults are the same values: a spec
    /// with only `displayName`, defaulted by the schema, reads like the bare spec decoded.
    @Test func swiftDefaultsEqualSchemaDefaults() throws {
        var defaulted = Self.object(spec: ["displayName": "Cooking", "kernelAPI": ["authSecretRef": ["name": "tok"]]])
        schema.applyDefaults(to: &defaulted)
        #expect(defaulted[path: "spec", "kernel"] == ["modelID": "gpt-4", "temperature": 0.7, "enabledPlugins": ["YouTubePlugin"]])
        #expect(defaulted[path: "spec", "retry"] == ["maxRetries": 5, "initialDelaySeconds": 3, "maxDelaySeconds": 300])
        #expect(defaulted[path: "spec", "kernelAPI", "authSecretRef", "key"] == "token")
        let fromSchema = try Channel.decode(defaulted).spec
        let bare = try Channel.decode(Self.object(spec: ["displayName": "Cooking", "kernelAPI": ["authSecretRef": ["name": "tok"]]])).spec
        #expect(fromSchema == bare)
        // Encoding the Swift defaults gives exactly what the schema defaults to.
        #expect(try JSONValue(encoding: bare) == defaulted["spec"])
        #expect(bare.creatingTimeoutSeconds == 300)
        #expect(bare.resyncIntervalSeconds == 600)
        #expect(bare.suspend == false)
    }

    /// Every field of the schema is a field of the Swift type and the other way round.
    @Test(arguments: ["spec", "status"])
    func crdAndSwiftTypesAgreeFieldByField(_ part: String) throws {
        let encoded = try #require(try JSONValue(encoding: ChannelExamples.fullyPopulated)[part])
        let partSchema = try #require(schema.properties[part])
        var differences: [String] = []
        Self.compare(partSchema, encoded, path: part, into: &differences)
        #expect(differences.isEmpty, "\(differences)")
    }

    static func compare(_ schema: StructuralSchema, _ value: JSONValue, path: String, into differences: inout [String]) {
        if schema.preservesUnknownFields { return }
        switch value {
        case .object(let members):
            let schemaKeys = Set(schema.properties.keys)
            let valueKeys = Set(members.keys)
            for missing in schemaKeys.subtracting(valueKeys).sorted() { differences.append("\(path).\(missing): in the CRD, not in Swift") }
            for extra in valueKeys.subtracting(schemaKeys).sorted() { differences.append("\(path).\(extra): in Swift, not in the CRD") }
            for key in schemaKeys.intersection(valueKeys).sorted() {
                if let child = schema.properties[key], let member = members[key] {
                    compare(child, member, path: "\(path).\(key)", into: &differences)
                }
            }
        case .array(let elements):
            guard let items = schema.items else {
                differences.append("\(path): an array in Swift, \(schema.type ?? "untyped") in the CRD")
                return
            }
            guard let first = elements.first else {
                differences.append("\(path): the example must have an element to compare")
                return
            }
            compare(items, first, path: "\(path)[0]", into: &differences)
        default:
            if schema.type == "object" || schema.type == "array" {
                differences.append("\(path): \(value.typeName) in Swift, \(schema.type ?? "") in the CRD")
            }
        }
    }

    /// The fully populated example is valid for the schema, so the comparison above used
    /// values of the right types.
    @Test func theFullyPopulatedExampleIsValidForTheSchema() throws {
        let object = try JSONValue(encoding: ChannelExamples.fullyPopulated)
        let errors = schema.validate(object)
        #expect(errors.isEmpty, "\(errors.map(\.description))")
    }

    @Test func theSampleIsValidAndDecodes() throws {
        var sample = try Self.load("config/samples/kai.dev_v1alpha1_channel.yaml")
        #expect(sample["apiVersion"] == "kai.dev/v1alpha1")
        #expect(sample["kind"] == "Channel")
        schema.applyDefaults(to: &sample)
        let errors = schema.validate(sample)
        #expect(errors.isEmpty, "\(errors.map(\.description))")
        let channel = try Channel.decode(sample)
        #expect(channel.spec.validationErrors().isEmpty)
        #expect(channel.spec.displayName == "Cooking with Ada")
    }

    /// What the schema rejects, the Swift validation rejects too, naming the same field
    /// (the reconciler's second line of defence for objects that slipped past).
    /// Specs the schema rejects, with the field it names.
    static let invalidSpecs: [(JSONValue, String)] = {
        func with(_ extra: (String, JSONValue)) -> JSONValue {
            var spec: JSONValue = ["displayName": "a"]
            spec[extra.0] = extra.1
            return spec
        }
        var cases: [(JSONValue, String)] = []
        cases.append((["displayName": ""], "spec.displayName"))
        cases.append((["displayName": .string(String(repeating: "x", count: 256))], "spec.displayName"))
        cases.append((with(("kernel", ["temperature": 2.5])), "spec.kernel.temperature"))
        cases.append((with(("kernel", ["temperature": -0.1])), "spec.kernel.temperature"))
        cases.append((with(("kernel", ["maxTokens": 0])), "spec.kernel.maxTokens"))
        cases.append((with(("kernel", ["modelID": ""])), "spec.kernel.modelID"))
        cases.append((with(("kernel", ["enabledPlugins": ["YouTubePlugin", ""]])), "spec.kernel.enabledPlugins[1]"))
        cases.append((with(("kernelAPI", ["url": "ftp://kernel"])), "spec.kernelAPI.url"))
        cases.append((with(("kernelAPI", ["url": "http://"])), "spec.kernelAPI.url"))
        cases.append((with(("kernelAPI", ["authSecretRef": ["name": ""]])), "spec.kernelAPI.authSecretRef.name"))
        cases.append((with(("retry", ["maxRetries": -1])), "spec.retry.maxRetries"))
        cases.append((with(("retry", ["initialDelaySeconds": 0])), "spec.retry.initialDelaySeconds"))
        cases.append((with(("creatingTimeoutSeconds", 0)), "spec.creatingTimeoutSeconds"))
        cases.append((with(("resyncIntervalSeconds", 0)), "spec.resyncIntervalSeconds"))
        return cases
    }()

    @Test(arguments: ChannelCRDTests.invalidSpecs)
    func schemaAndSwiftValidationAgree(_ spec: JSONValue, _ field: String) throws {
        var object = Self.object(spec: spec)
        schema.applyDefaults(to: &object)
        let schemaErrors = schema.validate(object)
        #expect(schemaErrors.contains { $0.field == field }, "schema: \(schemaErrors.map(\.description))")
        let swiftErrors = try Channel.decode(object).spec.validationErrors()
        #expect(swiftErrors.map(\.field) == [field], "swift: \(swiftErrors)")
    }

    @Test func validURLsPassBothValidations() throws {
        for url in ["http://localhost:3080", "https://kernel.example.com/base", "http://10.0.0.1:8080/?x=1"] {
            var object = Self.object(spec: ["displayName": "a", "kernelAPI": ["url": .string(url)]])
            schema.applyDefaults(to: &object)
            #expect(schema.validate(object).isEmpty, "\(url)")
            #expect(try Channel.decode(object).spec.validationErrors().isEmpty, "\(url)")
        }
    }
}
