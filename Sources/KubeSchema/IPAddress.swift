/// IP parsing with the acceptance rules of `k8s.io/utils/net.ParseIPSloppy` (Go's pre-1.17
/// `net.ParseIP`: IPv4 octets may have leading zeros) and `ParseCIDRSloppy`.
enum IPAddress {
    /// The address bytes (4 or 16), or nil when `text` is not an IP address.
    static func parseSloppy(_ text: String) -> [UInt8]? {
        if let v4 = parseIPv4(Substring(text)) { return v4 }
        return parseIPv6(text)
    }

    static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let value = Int(part), value <= 255 else { return nil }
            out.append(UInt8(value))
        }
        return out
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        var s = Substring(text)
        var groups: [UInt16] = []
        var ellipsis: Int?
        if s.hasPrefix("::") {
            ellipsis = 0
            s = s.dropFirst(2)
            if s.isEmpty { return [UInt8](repeating: 0, count: 16) }
        }
        var tailV4: [UInt8]?
        while !s.isEmpty {
            // An embedded IPv4 address may end the text.
            if let dot = s.firstIndex(of: "."), !s[..<dot].contains(":") {
                guard let v4 = parseIPv4(s), groups.count <= 6 else { return nil }
                tailV4 = v4
                s = ""
                break
            }
            var digits = 0
            var value: UInt32 = 0
            while let c = s.first, let h = c.hexDigitValue, c.isASCII {
                value = value * 16 + UInt32(h)
                digits += 1
                s = s.dropFirst()
                guard digits <= 4 else { return nil }
            }
            guard digits > 0 else { return nil }
            groups.append(UInt16(value))
            if s.isEmpty { break }
            guard s.first == ":" else { return nil }
            s = s.dropFirst()
            if s.first == ":" {
                guard ellipsis == nil else { return nil }
                ellipsis = groups.count
                s = s.dropFirst()
                if s.isEmpty { break }
            } else if s.isEmpty {
                return nil
            }
        }
        var bytes: [UInt8] = groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        if let tailV4 { bytes += tailV4 }
        if let ellipsis {
            guard bytes.count < 16 else { return nil }
            let fill = [UInt8](repeating: 0, count: 16 - bytes.count)
            bytes.insert(contentsOf: fill, at: ellipsis * 2)
        }
        return bytes.count == 16 ? bytes : nil
    }

    /// `ParseCIDRSloppy` acceptance: `address/prefix` with a prefix within the address size.
    static func isCIDR(_ text: String) -> Bool {
        guard let slash = text.firstIndex(of: "/") else { return false }
        let address = String(text[..<slash])
        let mask = text[text.index(after: slash)...]
        let bits: Int
        if parseIPv4(Substring(address)) != nil {
            bits = 32
        } else if parseIPv6(address) != nil {
            bits = 128
        } else {
            return false
        }
        guard !mask.isEmpty, mask.count <= 7, mask.allSatisfy({ $0.isASCII && $0.isNumber }),
              let n = Int(mask) else { return false }
        return n <= bits
    }
}
