public import ArgumentParser
import Foundation
public import JSON
import KaiControllers
import YAML

/// `kai-operator render -f FILE`: the manifests a DevSession (or another renderable kind)
/// becomes, as multi-document YAML, without a cluster, like `helm template`. A GitOps reviewer
/// sees the exact result of a change before it merges.
///
/// Every document of the file is rendered in order, each into its children in apply order;
/// the output is byte-for-byte stable. Errors name the file, the document and the field, and
/// exit with status 1.
public struct RenderCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the manifests a DevSession or PlatformDeployment becomes, as YAML, without a cluster.")

    @Option(name: [.customShort("f"), .customLong("filename")],
            help: "A YAML or JSON file with one or more objects; - reads standard input.")
    var filename: String

    public init() {}

    /// Turns one document into its children; keyed by `kind` in ``renderers``.
    public typealias Renderer = @Sendable (_ document: JSONValue) throws -> [JSONValue]

    /// The kinds `render` knows. Another controller's kind is added here with its renderer.
    public static let renderers: [String: Renderer] = [
        "DevSession": { document in try DevSessionRenderer.render(document: document) },
    ]

    /// What went wrong, with the file and document it is about.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public func run() async throws {
        do {
            let text: String
            if filename == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                do { text = try String(contentsOfFile: filename, encoding: .utf8) } catch {
                    throw Failure(description: "cannot read \(filename): \(error.localizedDescription)")
                }
            }
            print(try Self.render(text, source: filename == "-" ? "<stdin>" : filename), terminator: "")
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// The children of every document in `text`, as multi-document YAML.
    /// - Parameter source: names the input in errors.
    /// - Throws: ``Failure`` naming the source, the document (1-based) and what is wrong.
    public static func render(_ text: String, source: String) throws -> String {
        let documents: [JSONValue]
        do { documents = try YAML.parseAll(text) } catch {
            throw Failure(description: "\(source): \(error)")
        }
        guard !documents.isEmpty else { throw Failure(description: "\(source): no objects to render") }
        var children: [JSONValue] = []
        for (index, document) in documents.enumerated() {
            let place = documents.count == 1 ? source : "\(source), document \(index + 1)"
            let kind = document["kind"]?.stringValue ?? ""
            guard let renderer = renderers[kind] else {
                let known = renderers.keys.sorted().joined(separator: ", ")
                throw Failure(description: "\(place): kind \(kind.isEmpty ? "(none)" : kind) cannot be rendered; render knows \(known)")
            }
            do { children += try renderer(document) } catch {
                throw Failure(description: "\(place): \(error)")
            }
        }
        return YAML.emitAll(children)
    }
}
