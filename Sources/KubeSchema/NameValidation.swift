import Foundation

/// The name checks of `k8s.io/apimachinery/pkg/util/validation`, with their messages.
enum NameValidation {
    private static func fullMatch(_ regex: GoRegex?, _ value: String) -> Bool { regex?.matches(value) ?? false }

    private static func compiled(_ pattern: String) -> GoRegex? {
        if case .success(let regex) = GoRegex.compile("^(?:" + pattern + ")$") { return regex }
        return nil
    }

    static let dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let dns1123SubdomainFormat = dns1123LabelFormat + "(\\." + dns1123LabelFormat + ")*"
    static let dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?"
    static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let labelValueFormat = "(" + qualifiedNameFormat + ")?"

    private static let dns1123Label = compiled(dns1123LabelFormat)
    private static let dns1123Subdomain = compiled(dns1123SubdomainFormat)
    private static let dns1035Label = compiled(dns1035LabelFormat)
    private static let qualifiedName = compiled(qualifiedNameFormat)
    private static let labelValue = compiled(labelValueFormat)

    /// `validation.RegexError`.
    static func regexError(_ message: String, _ format: String, _ examples: String...) -> String {
        guard !examples.isEmpty else { return message + " (regex used for validation is '" + format + "')" }
        var out = message + " (e.g. "
        for (i, example) in examples.enumerated() {
            if i > 0 { out += " or " }
            out += "'" + example + "', "
        }
        return out + "regex used for validation is '" + format + "')"
    }

    static func maxLenError(_ length: Int) -> String { "must be no more than \(length) characters" }

    static func isDNS1123Label(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > 63 { errors.append(maxLenError(63)) }
        if !fullMatch(dns1123Label, value) {
            errors.append(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                                     dns1123LabelFormat, "my-name", "123-abc"))
        }
        return errors
    }

    static func isDNS1123Subdomain(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > 253 { errors.append(maxLenError(253)) }
        if !fullMatch(dns1123Subdomain, value) {
            errors.append(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                                     dns1123SubdomainFormat, "example.com"))
        }
        return errors
    }

    static func isDNS1035Label(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > 63 { errors.append(maxLenError(63)) }
        if !fullMatch(dns1035Label, value) {
            errors.append(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
                                     dns1035LabelFormat, "my-name", "abc-123"))
        }
        return errors
    }

    /// `validation.IsQualifiedName` (label and annotation keys).
    static func isQualifiedName(_ value: String) -> [String] {
        var errors: [String] = []
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        let qualifiedMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errors.append("prefix part must be non-empty")
            } else {
                errors += isDNS1123Subdomain(String(prefix)).map { "prefix part " + $0 }
            }
        default:
            return ["a qualified name " + regexError(qualifiedMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            errors.append("name part must be non-empty")
        } else if name.utf8.count > 63 {
            errors.append("name part " + maxLenError(63))
        }
        if !fullMatch(qualifiedName, String(name)) {
            errors.append("name part " + regexError(qualifiedMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc"))
        }
        return errors
    }

    /// `validation.IsValidLabelValue`.
    static func isValidLabelValue(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > 63 { errors.append(maxLenError(63)) }
        if !fullMatch(labelValue, value) {
            errors.append(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                                     labelValueFormat, "MyValue", "my_value", "12345"))
        }
        return errors
    }

    /// `path.IsValidPathSegmentName` (and the prefix variant for generateName).
    static func isValidPathSegmentName(_ value: String, prefix: Bool) -> [String] {
        if !prefix, value == "." || value == ".." { return ["may not be '\(value)'"] }
        var errors: [String] = []
        for illegal in ["/", "%"] where value.contains(illegal) { errors.append("may not contain '\(illegal)'") }
        return errors
    }

    /// `NameIsDNSSubdomain` (prefix names may end in `-`, as generateName does).
    static func nameIsDNSSubdomain(_ value: String, prefix: Bool) -> [String] {
        isDNS1123Subdomain(prefix ? maskTrailingDash(value) : value)
    }

    private static func maskTrailingDash(_ name: String) -> String {
        if name.utf8.count > 1 && name.hasSuffix("-") { return String(name.dropLast()) + "a" }
        return name
    }
}
