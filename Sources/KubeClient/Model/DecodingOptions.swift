public import Foundation

/// How the client decodes the objects of a response: what a cache leaves out and whether equal
/// strings share storage.
///
/// The plain verbs decode everything (``DecodingOptions/init(skipManagedFields:internStrings:)``
/// with its defaults); an informer asks for less. Typed objects see the options through their
/// `Decoder` (``Swift/Decoder/kubeDecodingOptions``, ``Swift/Decoder/interned(_:)``), so a kind's
/// own `init(from:)` can use them too.
public struct DecodingOptions: Sendable, Equatable {
    /// Leave `metadata.managedFields` nil instead of decoding it. Server-side apply's field
    /// bookkeeping is often half an object, and a cache throws it away anyway; skipping it while
    /// decoding saves the time and the short-lived allocations of building it.
    public var skipManagedFields: Bool
    /// Make equal strings of one response (label and annotation keys and values, namespaces,
    /// owner kinds, finalizers, condition fields) share one buffer. A Swift string longer than
    /// 15 UTF-8 bytes is a heap allocation of its own; across thousands of cached objects the
    /// same label keys and condition messages repeat. The values are unchanged.
    public var internStrings: Bool

    /// Options; the defaults decode every field, each string on its own.
    public init(skipManagedFields: Bool = false, internStrings: Bool = false) {
        self.skipManagedFields = skipManagedFields
        self.internStrings = internStrings
    }

    /// What caches use: no managedFields, shared strings.
    public static let cache = DecodingOptions(skipManagedFields: true, internStrings: true)

    /// Where a `JSONDecoder` carries the options (read them with ``Swift/Decoder/kubeDecodingOptions``).
    public static let userInfoKey = CodingUserInfoKey(rawValue: "dev.kai.kube.decodingOptions")!

    /// A decoder for one response decoded with these options.
    /// - Parameter interner: the table strings are shared through; nil makes a fresh one per
    ///   call when ``internStrings`` is on, so nothing outlives the response.
    public func makeDecoder(interner: StringInterner? = nil) -> JSONDecoder {
        let decoder = JSONDecoder()
        guard self != DecodingOptions() else { return decoder }
        decoder.userInfo[Self.userInfoKey] = self
        if internStrings { decoder.userInfo[StringInterner.userInfoKey] = interner ?? StringInterner() }
        return decoder
    }
}
