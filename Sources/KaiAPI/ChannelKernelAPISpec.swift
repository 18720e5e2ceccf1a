/// `Channel.spec.kernelAPI`: where this Channel's kernel API is and how to authenticate.
public struct ChannelKernelAPISpec: Codable, Sendable, Equatable, Hashable {
    /// Base URL (`http://` or `https://`); nil uses the operator's `--kernel-api-url`.
    public var url: String?
    /// The Secret (in the Channel's namespace) holding the bearer token; nil uses the
    /// operator-wide token, if any.
    public var authSecretRef: ChannelSecretKeyRef?

    public init(url: String? = nil, authSecretRef: ChannelSecretKeyRef? = nil) {
        self.url = url
        self.authSecretRef = authSecretRef
    }
}
