/// Reads a Kubernetes quantity field (`int-or-string`) as its text: `2` and `"2"` both give `"2"`.
///
/// The schema allows integers for quantities (`storage: {size: 10}` is valid YAML for
/// `"10"`), so the Swift types keep the text and leave parsing to the renderer, which reports
/// a value that does not parse with the field's path.
enum DevSessionQuantityCoding {
    static func decodeIfPresent<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> String? {
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        if let text = try? container.decode(String.self, forKey: key) { return text }
        if let integer = try? container.decode(Int64.self, forKey: key) { return String(integer) }
        if let number = try? container.decode(Double.self, forKey: key) { return String(number) }
        throw DecodingError.typeMismatch(String.self, .init(codingPath: container.codingPath + [key],
                                                            debugDescription: "expected a quantity (a string or a number)"))
    }

    /// A map of quantities (`limits`, `requests`).
    static func decodeMapIfPresent<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> [String: String]? {
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        let nested = try container.nestedContainer(keyedBy: AnyKey.self, forKey: key)
        var out: [String: String] = [:]
        for name in nested.allKeys {
            out[name.stringValue] = try decodeIfPresent(nested, name)
        }
        return out
    }

    /// Any key of a JSON object.
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
