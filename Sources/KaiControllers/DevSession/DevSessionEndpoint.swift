public import KaiAPI

/// One of the session's three endpoints with its defaults applied: the container, its port,
/// its Service and its Ingress path.
public struct DevSessionEndpoint: Sendable, Equatable {
    /// The three endpoints, in the order they are rendered.
    public enum Name: String, Sendable, CaseIterable {
        case preview, chat, vscode
    }

    public var name: Name
    public var image: String
    public var port: Int32
    public var env: [DevSessionEnvVar]
    /// `/preview`, `/chat` or `/vscode`.
    public var path: String

    /// The image's tag, when it has one (not for `name` alone nor for a digest reference).
    public var imageTag: String? { DevSessionEndpoint.tag(of: image) }

    /// The tag of an image reference: after the last `:` of the last path component, before any `@`.
    static func tag(of image: String) -> String? {
        let withoutDigest = image.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? image
        let lastComponent = withoutDigest.split(separator: "/").last.map(String.init) ?? withoutDigest
        guard let colon = lastComponent.lastIndex(of: ":") else { return nil }
        let tag = String(lastComponent[lastComponent.index(after: colon)...])
        return tag.isEmpty ? nil : tag
    }

    /// True for a digest reference (`image@sha256:...`): pinned without a tag.
    var isPinnedByDigest: Bool { image.contains("@") }
}
