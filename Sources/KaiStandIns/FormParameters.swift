/// `application/x-www-form-urlencoded` pairs, as in a URL query or a POST form body.
struct FormParameters: Sendable, Equatable {
    /// The pairs in their order, names and values decoded.
    private(set) var pairs: [(name: String, value: String)]

    /// Decodes `a=1&b=x+y&c=%2F`: `+` is a space, `%XX` a byte; a malformed escape is kept as written.
    init(encoded: some StringProtocol) {
        pairs = encoded.split(separator: "&", omittingEmptySubsequences: true).map { part in
            if let equals = part.firstIndex(of: "=") {
                return (Self.decode(part[..<equals]), Self.decode(part[part.index(after: equals)...]))
            }
            return (Self.decode(part), "")
        }
    }

    init() { pairs = [] }

    /// The first value given for `name` (as Go's `FormValue`), or nil.
    subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// These pairs followed by `other`'s, so that a lookup prefers these.
    func followed(by other: FormParameters) -> FormParameters {
        var merged = self
        merged.pairs += other.pairs
        return merged
    }

    static func == (lhs: FormParameters, rhs: FormParameters) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }

    static func decode(_ text: some StringProtocol) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
