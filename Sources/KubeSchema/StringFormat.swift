import Foundation

/// The string formats the apiextensions server validates (kube-openapi's `strfmt.Default`
/// registry, restricted by `StripUnsupportedFormatsPostProcess`). Any other `format`
/// (including `int32`, `int64`, `float`, `double`, `quantity`) is ignored, like the server does.
enum StringFormat {
    /// The supported names, normalised the way go-openapi does (dashes removed).
    static let supported: Set<String> = [
        "bsonobjectid", "uri", "email", "hostname", "ipv4", "ipv6", "cidr", "mac", "uuid", "uuid3",
        "uuid4", "uuid5", "isbn", "isbn10", "isbn13", "creditcard", "ssn", "hexcolor", "rgbcolor",
        "byte", "password", "date", "duration", "datetime",
    ]

    static func normalized(_ format: String) -> String { format.replacingOccurrences(of: "-", with: "") }

    static func isSupported(_ format: String) -> Bool { supported.contains(normalized(format)) }

    /// Whether `value` is valid for the (supported) `format`.
    static func validates(_ format: String, _ value: String) -> Bool {
        switch normalized(format) {
        case "bsonobjectid": return value.utf8.count == 24 && value.utf8.allSatisfy(isHexDigit)
        case "uri": return isRequestURI(value)
        case "email": return isEmail(value)
        case "hostname": return isHostname(value)
        case "ipv4": return IPAddress.parseSloppy(value) != nil && value.contains(".")
        case "ipv6": return IPAddress.parseSloppy(value) != nil && value.contains(":")
        case "cidr": return IPAddress.isCIDR(value)
        case "mac": return isMAC(value)
        case "uuid": return matches(uuidPattern, value)
        case "uuid3": return matches(uuid3Pattern, value)
        case "uuid4": return matches(uuid4Pattern, value)
        case "uuid5": return matches(uuid5Pattern, value)
        case "isbn": return isISBN10(value) || isISBN13(value)
        case "isbn10": return isISBN10(value)
        case "isbn13": return isISBN13(value)
        case "creditcard": return isCreditCard(value)
        case "ssn": return value.utf8.count == 11 && matches(ssnPattern, value)
        case "hexcolor": return matches(hexColorPattern, value)
        case "rgbcolor": return matches(rgbColorPattern, value)
        case "byte": return matches(base64Pattern, value)
        case "password": return true
        case "date": return isDate(value)
        case "duration": return GoDuration.isValid(value)
        case "datetime": return isDateTime(value)
        default: return true
        }
    }

    private static func isHexDigit(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    private static func regex(_ pattern: String) -> GoRegex? {
        if case .success(let regex) = GoRegex.compile(pattern) { return regex }
        return nil
    }

    private static func matches(_ regex: GoRegex?, _ value: String) -> Bool { regex?.matches(value) ?? false }

    private static let uuidPattern = regex("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$")
    private static let uuid3Pattern = regex("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$")
    private static let uuid4Pattern = regex("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$")
    private static let uuid5Pattern = regex("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$")
    private static let hostnamePattern = regex(#"^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$"#)
    private static let ssnPattern = regex(#"^\d{3}[- ]?\d{2}[- ]?\d{4}$"#)
    private static let hexColorPattern = regex("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
    private static let rgbColorPattern = regex(#"^rgb\(\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*\)$"#)
    private static let base64Pattern = regex(#"^(?:[A-Za-z0-9+\/]{4})*(?:[A-Za-z0-9+\/]{2}==|[A-Za-z0-9+\/]{3}=|[A-Za-z0-9+\/]{4})$"#)
    private static let isbn10Pattern = regex("^(?:[0-9]{9}X|[0-9]{10})$")
    private static let isbn13Pattern = regex("^(?:[0-9]{13})$")
    private static let creditCardPattern = regex("^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\\d{3})\\d{11})$")
    private static let dateTimeClockPattern = regex("^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$")

    /// go-openapi's `IsHostname`: the RFC 1034 pattern plus length limits.
    static func isHostname(_ value: String) -> Bool {
        guard matches(hostnamePattern, value), value.utf8.count <= 255 else { return false }
        return value.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { $0.utf8.count <= 63 }
    }

    /// Go's `time.Parse("2006-01-02", s)`: four-digit year, real month and day.
    static func isDate(_ value: String) -> Bool {
        let b = Array(value.utf8)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                n = n * 10 + Int(b[i] - 0x30)
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return false }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    /// kube-openapi's `IsDateTime`: a date, a `t`, then `hh:mm:ss[.frac](z|±hh:mm)`.
    static func isDateTime(_ value: String) -> Bool {
        guard value.utf8.count >= 4 else { return false }
        let parts = value.lowercased().split(separator: "t", omittingEmptySubsequences: false)
        guard parts.count >= 2, isDate(String(parts[0])) else { return false }
        let clock = String(parts[1])
        guard matches(dateTimeClockPattern, clock) else { return false }
        let fields = clock.prefix(8).split(separator: ":")
        guard fields.count == 3 else { return false }
        return fields[0] <= "23" && fields[1] <= "59" && fields[2] <= "59"
    }

    /// Go's `url.ParseRequestURI` acceptance: an absolute URI or an absolute path, no
    /// control characters, and a well-formed authority.
    static func isRequestURI(_ value: String) -> Bool {
        guard !value.isEmpty else { return false }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return false }
        if value == "*" { return true }
        let chars = Array(value)
        var schemeEnd: Int?
        for (i, c) in chars.enumerated() {
            if c.isASCII && c.isLetter { continue }
            if i > 0, c.isASCII, c.isNumber || c == "+" || c == "-" || c == "." { continue }
            if c == ":" && i > 0 { schemeEnd = i }
            break
        }
        guard let schemeEnd else { return value.hasPrefix("/") }
        var rest = String(chars[(schemeEnd + 1)...])
        if let hash = rest.firstIndex(of: "#") { rest = String(rest[..<hash]) }
        if let query = rest.firstIndex(of: "?") { rest = String(rest[..<query]) }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let authority = afterSlashes.prefix { $0 != "/" }
            return isValidAuthority(String(authority))
        }
        // An opaque URI ("mailto:x") is accepted; a rootless path without "//" is not a request URI
        // only when it lacks a scheme, which was handled above.
        return true
    }

    private static func isValidAuthority(_ authority: String) -> Bool {
        var host = Substring(authority)
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let literal = host[host.index(after: host.startIndex)..<close]
            let zoneless = literal.split(separator: "%", maxSplits: 1).first.map(String.init) ?? ""
            guard IPAddress.parseSloppy(zoneless) != nil else { return false }
            let after = host[host.index(after: close)...]
            if after.isEmpty { return true }
            guard after.hasPrefix(":") else { return false }
            return after.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
        }
        if let colon = host.lastIndex(of: ":") {
            let port = host[host.index(after: colon)...]
            guard port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            host = host[..<colon]
        }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=%")
        return host.unicodeScalars.allSatisfy { allowed.contains($0) || $0.value > 0x7F }
    }

    /// An approximation of Go's `net/mail.ParseAddress` (RFC 5322): `local@domain` or
    /// `Display Name <local@domain>`.
    static func isEmail(_ value: String) -> Bool {
        var address = value.trimmingCharacters(in: .whitespaces)
        if address.hasSuffix(">"), let open = address.lastIndex(of: "<") {
            address = String(address[address.index(after: open)..<address.index(before: address.endIndex)])
        }
        guard let at = address.lastIndex(of: "@") else { return false }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty else { return false }
        let atext = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
        func isDotAtom(_ s: Substring) -> Bool {
            let parts = s.split(separator: ".", omittingEmptySubsequences: false)
            return parts.allSatisfy { part in
                !part.isEmpty && part.unicodeScalars.allSatisfy { atext.contains($0) || $0.value > 0x7F }
            }
        }
        let localOK = (local.hasPrefix("\"") && local.hasSuffix("\"") && local.count >= 2) || isDotAtom(local)
        let domainOK = (domain.hasPrefix("[") && domain.hasSuffix("]")) || isDotAtom(domain)
        return localOK && domainOK
    }

    /// Go's `net.ParseMAC`: 6, 8 or 20 octets separated by `:` or `-`, or dotted quads of hex.
    static func isMAC(_ value: String) -> Bool {
        let hexDigits = CharacterSet(charactersIn: "0123456789abcdefABCDEF")
        func allHex<S: StringProtocol>(_ s: S) -> Bool { s.unicodeScalars.allSatisfy { hexDigits.contains($0) } }
        if value.contains(":") || value.contains("-") {
            let separator: Character = value.contains(":") ? ":" : "-"
            let groups = value.split(separator: separator, omittingEmptySubsequences: false)
            guard [6, 8, 20].contains(groups.count) else { return false }
            return groups.allSatisfy { $0.count == 2 && allHex($0) }
        }
        if value.contains(".") {
            let groups = value.split(separator: ".", omittingEmptySubsequences: false)
            guard [3, 4, 10].contains(groups.count) else { return false }
            return groups.allSatisfy { $0.count == 4 && allHex($0) }
        }
        return false
    }

    /// govalidator's `IsISBN10`.
    static func isISBN10(_ value: String) -> Bool {
        let sanitized = value.filter { $0 != " " && $0 != "-" }
        guard matches(isbn10Pattern, sanitized) else { return false }
        let digits = Array(sanitized)
        var sum = 0
        for i in 0..<9 { sum += (i + 1) * (digits[i].wholeNumberValue ?? 0) }
        sum += digits[9] == "X" ? 100 : 10 * (digits[9].wholeNumberValue ?? 0)
        return sum % 11 == 0
    }

    /// govalidator's `IsISBN13`.
    static func isISBN13(_ value: String) -> Bool {
        let sanitized = value.filter { $0 != " " && $0 != "-" }
        guard matches(isbn13Pattern, sanitized) else { return false }
        let digits = Array(sanitized).map { $0.wholeNumberValue ?? 0 }
        var sum = 0
        for i in 0..<12 { sum += digits[i] * (i % 2 == 0 ? 1 : 3) }
        return (10 - sum % 10) % 10 == digits[12]
    }

    /// govalidator's `IsCreditCard`: the card patterns plus the Luhn checksum.
    static func isCreditCard(_ value: String) -> Bool {
        let sanitized = value.filter { $0.isASCII && $0.isNumber }
        guard matches(creditCardPattern, sanitized) else { return false }
        var sum = 0
        var double = false
        for c in sanitized.reversed() {
            var digit = c.wholeNumberValue ?? 0
            if double {
                digit *= 2
                if digit > 9 { digit = digit % 10 + 1 }
            }
            sum += digit
            double.toggle()
        }
        return sum % 10 == 0
    }
}
