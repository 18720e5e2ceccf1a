import Foundation
import JSON

/// An RFC 6901 pointer as the API server's JSON-patch library resolves it:
/// the parent must exist, `~1` is `/` and `~0` is `~`, `-` appends to an
/// array, and negative indexes count from the end.
struct JSONPointer {
    typealias Failure = JSONPatch.OperationFailure

    let text: String
    /// Decoded reference tokens; nil when the pointer does not start with `/`
    /// (the library cannot resolve it, not even the whole document).
    let tokens: [String]?

    init(_ text: String) {
        self.text = text
        if text.hasPrefix("/") {
            tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            }
        } else {
            tokens = nil
        }
    }

    func add(_ value: JSONValue, in document: inout JSONValue, op: String) throws(Failure) {
        try modifyParent(of: &document, op: op) { (parent, key) throws(Failure) in
            switch parent {
            case .object(var members):
                members[key] = value
                parent = .object(members)
            case .array(var items):
                if key == "-" {
                    items.append(value)
                } else {
                    let index = try Self.index(key, count: items.count + 1)
                    items.insert(value, at: index)
                }
                parent = .array(items)
            default:
                throw Failure(reason: "\(op) operation does not apply: doc is missing path: \"\(text)\"")
            }
        }
    }

    func remove(from document: inout JSONValue, op: String) throws(Failure) -> JSONValue {
        var removed = JSONValue.null
        try modifyParent(of: &document, op: op) { (parent, key) throws(Failure) in
            switch parent {
            case .object(var members):
                guard let value = members.removeValue(forKey: key) else {
                    throw Failure(reason: "Unable to remove nonexistent key: \(key): missing value")
                }
                removed = value
                parent = .object(members)
            case .array(var items):
                let index = try Self.index(key, count: items.count)
                removed = items.remove(at: index)
                parent = .array(items)
            default:
                throw Failure(reason: "\(op) operation does not apply: doc is missing path: \"\(text)\"")
            }
        }
        return removed
    }

    func replace(with value: JSONValue, in document: inout JSONValue) throws(Failure) {
        try modifyParent(of: &document, op: "replace") { (parent, key) throws(Failure) in
            switch parent {
            case .object(var members):
                guard members[key] != nil else {
                    throw Failure(reason: "replace operation does not apply: doc is missing key: \(text)")
                }
                members[key] = value
                parent = .object(members)
            case .array(var items):
                let index = try Self.index(key, count: items.count)
                items[index] = value
                parent = .array(items)
            default:
                throw Failure(reason: "replace operation does not apply: doc is missing path: \(text)")
            }
        }
    }

    func get(in document: JSONValue, op: String) throws(Failure) -> JSONValue {
        guard let tokens, let last = tokens.last else {
            throw Failure(reason: "\(op) operation does not apply: doc is missing from path: \(text)")
        }
        let parent = try resolve(tokens.dropLast(), in: document, op: op)
        switch parent {
        case .object(let members):
            guard let value = members[last] else {
                throw Failure(reason: "\(op) operation does not apply: doc is missing from path: \(text)")
            }
            return value
        case .array(let items):
            return items[try Self.index(last, count: items.count)]
        default:
            throw Failure(reason: "\(op) operation does not apply: doc is missing from path: \(text)")
        }
    }

    /// `test`: a missing target matches only a missing or null expected value.
    func test(_ expected: JSONValue?, in document: JSONValue) throws(Failure) {
        guard let tokens, let last = tokens.last else {
            throw Failure(reason: "test operation does not apply: is missing path: \(text)")
        }
        let parent = try resolve(tokens.dropLast(), in: document, op: "test")
        let actual: JSONValue?
        switch parent {
        case .object(let members): actual = members[last]
        case .array(let items):
            if let index = try? Self.index(last, count: items.count) { actual = items[index] } else { actual = nil }
        default:
            throw Failure(reason: "test operation does not apply: is missing path: \(text)")
        }
        guard let actual else {
            if expected == nil || expected == .null { return }
            throw Failure(reason: "testing value \(text) failed: the path does not exist")
        }
        guard let expected, actual == expected else {
            throw Failure(reason: "testing value \(text) failed: it is \(actual.serialized()), expected \((expected ?? .null).serialized())")
        }
    }

    /// Walks to the container holding the last token and lets `body` change it.
    private func modifyParent(of document: inout JSONValue, op: String,
                              _ body: (inout JSONValue, String) throws(Failure) -> Void) throws(Failure) {
        guard let tokens, let last = tokens.last else {
            throw Failure(reason: "\(op) operation does not apply: doc is missing path: \"\(text)\"")
        }
        try Self.modify(&document, along: tokens.dropLast()[...], op: op, text: text) { (parent) throws(Failure) in
            try body(&parent, last)
        }
    }

    private static func modify(_ node: inout JSONValue, along tokens: ArraySlice<String>, op: String, text: String,
                               _ body: (inout JSONValue) throws(Failure) -> Void) throws(Failure) {
        guard let first = tokens.first else {
            try body(&node)
            return
        }
        let missing = Failure(reason: "\(op) operation does not apply: doc is missing path: \"\(text)\"")
        switch node {
        case .object(var members):
            guard var child = members[first], child.isContainer else { throw missing }
            // Drop the parent's reference first so the child stays uniquely referenced.
            members[first] = .null
            try modify(&child, along: tokens.dropFirst(), op: op, text: text, body)
            members[first] = child
            node = .object(members)
        case .array(var items):
            guard let index = try? index(first, count: items.count), items[index].isContainer else { throw missing }
            var child = items[index]
            items[index] = .null
            try modify(&child, along: tokens.dropFirst(), op: op, text: text, body)
            items[index] = child
            node = .array(items)
        default:
            throw missing
        }
    }

    private func resolve(_ tokens: ArraySlice<String>, in document: JSONValue, op: String) throws(Failure) -> JSONValue {
        var node = document
        for token in tokens {
            let next: JSONValue?
            switch node {
            case .object(let members): next = members[token]
            case .array(let items): next = (try? Self.index(token, count: items.count)).map { items[$0] }
            default: next = nil
            }
            guard let next, next.isContainer else {
                throw Failure(reason: "\(op) operation does not apply: doc is missing path: \"\(text)\"")
            }
            node = next
        }
        return node
    }

    /// An array index in `0..<count`; negative indexes count from the end.
    static func index(_ token: String, count: Int) throws(Failure) -> Int {
        guard let raw = Int(token) else {
            throw Failure(reason: "value was not a proper array index: '\(token)'")
        }
        let index = raw < 0 ? raw + count : raw
        guard index >= 0, index < count else {
            throw Failure(reason: "Unable to access invalid index: \(raw)")
        }
        return index
    }
}
