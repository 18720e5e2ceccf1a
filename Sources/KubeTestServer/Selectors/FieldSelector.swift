import JSON

/// A parsed field selector (`metadata.name=a,involvedObject.kind!=Pod`),
/// with `k8s.io/apimachinery/pkg/fields` escaping rules.
struct FieldSelector: Sendable {
    struct Term: Sendable {
        var field: String
        var value: String
        var negated: Bool
    }

    var terms: [Term]

    static let everything = FieldSelector(terms: [])
    var isEmpty: Bool { terms.isEmpty }

    init(terms: [Term]) { self.terms = terms }

    init(parsing text: String) throws(SelectorError) {
        var out: [Term] = []
        for raw in FieldSelector.splitTerms(text) where !raw.isEmpty {
            if let r = raw.range(of: "!=") {
                out.append(Term(field: String(raw[..<r.lowerBound]), value: FieldSelector.unescape(String(raw[r.upperBound...])), negated: true))
            } else if let r = raw.range(of: "==") {
                out.append(Term(field: String(raw[..<r.lowerBound]), value: FieldSelector.unescape(String(raw[r.upperBound...])), negated: false))
            } else if let r = raw.range(of: "=") {
                out.append(Term(field: String(raw[..<r.lowerBound]), value: FieldSelector.unescape(String(raw[r.upperBound...])), negated: false))
            } else {
                throw SelectorError(message: "invalid selector: '\(text)'; can't understand '\(raw)'")
            }
        }
        terms = out
    }

    /// The value a term asks for, when the selector pins a field to one value (`metadata.name=x`).
    func requiredValue(of field: String) -> String? {
        terms.first { $0.field == field && !$0.negated }?.value
    }

    /// Checks that every field is supported, with the server's 400 message otherwise.
    func validate(supported: Set<String>) throws(SelectorError) {
        for term in terms where !supported.contains(term.field) {
            throw SelectorError(message: "field label not supported: \(term.field)")
        }
    }

    func matches(_ fields: (String) -> String) -> Bool {
        terms.allSatisfy { term in (fields(term.field) == term.value) != term.negated }
    }

    private static func splitTerms(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for ch in text {
            if escaped { current.append("\\"); current.append(ch); escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            if ch == "," { parts.append(current); current = ""; continue }
            current.append(ch)
        }
        parts.append(current)
        return parts
    }

    private static func unescape(_ s: String) -> String {
        var out = ""
        var escaped = false
        for ch in s {
            if escaped { out.append(ch); escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            out.append(ch)
        }
        return out
    }
}
