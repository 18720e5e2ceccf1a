import Foundation
import JSON
import KubeSchema
import Testing
import YAML

/// A CRD of `crds/`, parsed as the tests read it: the document, its first version and
/// its structural schema. Files are found from this file's path (no bundle resources).
struct CRDFixture {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A YAML file of the repository as a value.
    static func load(_ relativePath: String) throws -> JSONValue {
        let text = try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
        return try YAML.parse(text)
    }

    let crd: JSONValue
    let version: JSONValue
    let schema: StructuralSchema

    init(_ relativePath: String) throws {
        crd = try Self.load(relativePath)
        version = try #require(crd[path: "spec", "versions"]?.arrayValue?.first)
        schema = try #require(try StructuralSchema(crd: crd, version: "v1alpha1"))
    }
}
