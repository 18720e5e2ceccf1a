import JSON

/// The JSONPath subset of CRD printer columns and `kubectl wait --for=jsonpath`:
/// `.a.b`, `.a[0]`, `.a[*].b`, `.a['x.y']`, `.a[?(@.type=="Ready")].status`.
struct JSONPath: Sendable {
    enum Step: Sendable {
        case key(String)
        case index(Int)
        case all
        case filter(path: [String], value: String, equal: Bool)
    }

    var steps: [Step]

    init(_ expression: String) {
        var text = expression.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("{") && text.hasSuffix("}") { text = String(text.dropFirst().dropLast()) }
        if text.hasPrefix("$") { text.removeFirst() }
        var steps: [Step] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "." {
                i += 1
                var key = ""
                while i < chars.count, chars[i] != ".", chars[i] != "[" { key.append(chars[i]); i += 1 }
                if !key.isEmpty { steps.append(key == "*" ? .all : .key(key)) }
            } else if c == "[" {
                var depth = 0
                var inner = ""
                i += 1
                while i < chars.count {
                    if chars[i] == "[" { depth += 1 }
                    if chars[i] == "]" { if depth == 0 { break }; depth -= 1 }
                    inner.append(chars[i])
                    i += 1
                }
                i += 1
                steps.append(JSONPath.bracket(inner))
            } else {
                var key = ""
                while i < chars.count, chars[i] != ".", chars[i] != "[" { key.append(chars[i]); i += 1 }
                if !key.isEmpty { steps.append(.key(key)) }
            }
        }
        self.steps = steps
    }

    private static func bracket(_ inner: String) -> Step {
        let s = inner.trimmingCharacters(in: .whitespaces)
        if s == "*" { return .all }
        if let n = Int(s) { return .index(n) }
        if (s.hasPrefix("'") && s.hasSuffix("'")) || (s.hasPrefix("\"") && s.hasSuffix("\"")), s.count >= 2 {
            return .key(String(s.dropFirst().dropLast()))
        }
        if s.hasPrefix("?(") && s.hasSuffix(")") {
            let body = String(s.dropFirst(2).dropLast())
            let equal = !body.contains("!=")
            let parts = body.components(separatedBy: equal ? "==" : "!=")
            if parts.count == 2 {
                var lhs = parts[0].trimmingCharacters(in: .whitespaces)
                if lhs.hasPrefix("@") { lhs.removeFirst() }
                let path = lhs.split(separator: ".").map(String.init)
                var rhs = parts[1].trimmingCharacters(in: .whitespaces)
                if rhs.count >= 2, rhs.first == "\"" || rhs.first == "'" { rhs = String(rhs.dropFirst().dropLast()) }
                return .filter(path: path, value: rhs, equal: equal)
            }
        }
        return .key(s)
    }

    func evaluate(_ root: JSONValue) -> [JSONValue] {
        var current = [root]
        for step in steps {
            var next: [JSONValue] = []
            for value in current {
                switch step {
                case .key(let k): if let v = value[k] { next.append(v) }
                case .index(let n):
                    if let a = value.arrayValue {
                        let idx = n < 0 ? a.count + n : n
                        if a.indices.contains(idx) { next.append(a[idx]) }
                    }
                case .all:
                    if let a = value.arrayValue { next += a } else if let o = value.objectValue { next += o.values }
                case .filter(let path, let expected, let equal):
                    for element in value.arrayValue ?? [] {
                        let actual = element[keyPath: path].map(JSONPath.text) ?? ""
                        if (actual == expected) == equal, element[keyPath: path] != nil || !equal { next.append(element) }
                    }
                }
            }
            current = next
        }
        return current
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        default: return value.serialized()
        }
    }
}

import Foundation
