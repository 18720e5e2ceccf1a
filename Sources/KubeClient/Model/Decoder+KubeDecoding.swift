extension Decoder {
    /// The ``DecodingOptions`` of the response being decoded (the defaults when none were given).
    public var kubeDecodingOptions: DecodingOptions {
        userInfo[DecodingOptions.userInfoKey] as? DecodingOptions ?? DecodingOptions()
    }

    /// The response's ``StringInterner``, when ``DecodingOptions/internStrings`` is on.
    public var stringInterner: StringInterner? {
        userInfo[StringInterner.userInfoKey] as? StringInterner
    }

    /// `string` shared through the response's interner, or unchanged without one.
    public func interned(_ string: String) -> String {
        stringInterner?.intern(string) ?? string
    }
}
