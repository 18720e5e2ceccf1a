/// Object name rules (RFC 1123 subdomain / label) with the API server's messages.
enum Names {
    static func validate(_ name: String, dnsLabel: Bool) -> String? {
        let chars = Array(name.utf8)
        func alnum(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 48 && c <= 57) }
        if dnsLabel {
            let ok = !chars.isEmpty && chars.count <= 63 && alnum(chars[0]) && alnum(chars[chars.count - 1])
                && chars.allSatisfy { alnum($0) || $0 == 45 }
            if ok { return nil }
            if chars.count > 63 { return "must be no more than 63 characters" }
            return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
        }
        if chars.count > 253 { return "must be no more than 253 characters" }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        let ok = !chars.isEmpty && labels.allSatisfy { label in
            let b = Array(label.utf8)
            return !b.isEmpty && alnum(b[0]) && alnum(b[b.count - 1]) && b.allSatisfy { alnum($0) || $0 == 45 }
        }
        if ok { return nil }
        return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    }
}
