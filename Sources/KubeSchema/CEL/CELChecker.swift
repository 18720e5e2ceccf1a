/// A deliberately small type check, run when a CRD is created: references to undeclared
/// variables and functions, fields the schema does not declare, and operators applied to
/// primitive types that have no overload (`'a' < 1`, `1 + 1.0`). Anything involving `dyn`
/// passes, so valid rules are never rejected for lack of a full CEL type system.
struct CELChecker {
    struct Failure: Error, Sendable {
        var offset: Int
        var message: String
    }

    private var scopes: [[String: CELType]]

    init(variables: [String: CELType]) { scopes = [variables] }

    static let typeIdentifiers: Set<String> = ["int", "uint", "double", "bool", "string", "bytes", "list", "map",
                                                "null_type", "type", "dyn"]

    private func lookup(_ name: String) -> CELType? {
        for scope in scopes.reversed() { if let t = scope[name] { return t } }
        return nil
    }

    mutating func check(_ e: CELExpr) throws(Failure) -> CELType {
        switch e.kind {
        case .literal(let v):
            switch v {
            case .null: return .null
            case .bool: return .bool
            case .int: return .int
            case .uint: return .uint
            case .double: return .double
            case .string: return .string
            case .bytes: return .bytes
            default: return .dyn
            }
        case .ident(let name):
            if let t = lookup(name) { return t }
            if Self.typeIdentifiers.contains(name) { return .type }
            throw Failure(offset: e.offset, message: "undeclared reference to '\(name)' (in container '')")
        case .select(let operand, let field, let optional):
            let t = try check(operand)
            let base: CELType
            if case .optional(let inner) = t { base = inner } else { base = t }
            guard let ft = base.field(field) else {
                if base.primitive != nil || isList(base) {
                    throw Failure(offset: e.offset, message: "type '\(base.name)' does not support field selection")
                }
                throw Failure(offset: e.offset, message: "undefined field '\(field)'")
            }
            return optional ? .optional(ft) : ft
        case .index(let operand, let index, let optional):
            let t = try check(operand)
            let it = try check(index)
            let result: CELType
            switch t {
            case .list(let elem):
                if let p = it.primitive, p != "int", p != "uint" {
                    throw Failure(offset: e.offset, message: "found no matching overload for '_[_]' applied to '(\(t.name), \(it.name))'")
                }
                result = elem
            case .map(_, let value): result = value
            case .schema, .objectMeta:
                if case .literal(.string(let key)) = index.kind, let ft = t.field(key) { result = ft } else { result = .dyn }
            case .dyn, .optional: result = .dyn
            default:
                throw Failure(offset: e.offset, message: "found no matching overload for '_[_]' applied to '(\(t.name), \(it.name))'")
            }
            return optional ? .optional(result) : result
        case .has(let operand, let field):
            let t = try check(operand)
            if t.field(field) == nil {
                throw Failure(offset: e.offset, message: "undefined field '\(field)'")
            }
            return .bool
        case .list(let items):
            var elem: CELType?
            for item in items {
                let t = try check(item)
                elem = elem.map { Self.join($0, t) } ?? t
            }
            return .list(elem ?? .dyn)
        case .map(let entries):
            var key: CELType?
            var value: CELType?
            for entry in entries {
                let k = try check(entry.key)
                let v = try check(entry.value)
                key = key.map { Self.join($0, k) } ?? k
                value = value.map { Self.join($0, v) } ?? v
            }
            return .map(key: key ?? .dyn, value: value ?? .dyn)
        case .unary(let op, let operand):
            let t = try check(operand)
            if op == "!" {
                if let p = t.primitive, p != "bool" { throw overload(e, "!_", [t]) }
                return .bool
            }
            if let p = t.primitive, !["int", "double", "google.protobuf.Duration"].contains(p) { throw overload(e, "-_", [t]) }
            return t
        case .and(let a, let b), .or(let a, let b):
            let ta = try check(a)
            let tb = try check(b)
            let name = if case .and = e.kind { "_&&_" } else { "_||_" }
            for t in [ta, tb] { if let p = t.primitive, p != "bool" { throw overload(e, name, [ta, tb]) } }
            return .bool
        case .conditional(let c, let a, let b):
            let tc = try check(c)
            if let p = tc.primitive, p != "bool" { throw overload(e, "_?_:_", [tc, try check(a), try check(b)]) }
            return Self.join(try check(a), try check(b))
        case .binary(let op, let a, let b):
            return try binary(e, op, try check(a), try check(b))
        case .comprehension(let c):
            let range = try check(c.range)
            let variableType: CELType
            switch range {
            case .list(let elem): variableType = elem
            case .map(let key, _): variableType = key
            case .schema, .objectMeta: variableType = .string
            case .dyn: variableType = .dyn
            default:
                throw Failure(offset: c.range.offset, message: "expression of type '\(range.name)' cannot be range of a comprehension (must be list, map, or dynamic)")
            }
            scopes.append([c.variable: variableType])
            defer { scopes.removeLast() }
            if let filter = c.filter { _ = try check(filter) }
            let body = try check(c.body)
            switch c.macro {
            case .all, .exists, .existsOne: return .bool
            case .map: return .list(body)
            case .filter: return .list(variableType)
            }
        case .call(let target, let name, let args):
            return try call(e, target, name, args)
        }
    }

    private func isList(_ t: CELType) -> Bool { if case .list = t { return true } else { return false } }

    private func overload(_ e: CELExpr, _ name: String, _ types: [CELType]) -> Failure {
        Failure(offset: e.offset, message: "found no matching overload for '\(name)' applied to '(\(types.map(\.name).joined(separator: ", ")))'")
    }

    /// The common type of two branches (dyn when they differ).
    static func join(_ a: CELType, _ b: CELType) -> CELType {
        if a.isDyn || b.isDyn { return .dyn }
        if let pa = a.primitive, let pb = b.primitive { return pa == pb ? a : .dyn }
        if case .null = a { return b }
        if case .null = b { return a }
        return a
    }

    private static let numeric: Set<String> = ["int", "uint", "double"]

    private func binary(_ e: CELExpr, _ op: String, _ a: CELType, _ b: CELType) throws(Failure) -> CELType {
        let name = op == "in" ? "@in" : "_\(op)_"
        switch op {
        case "==", "!=":
            if let pa = a.primitive, let pb = b.primitive, pa != pb,
               !(Self.numeric.contains(pa) && Self.numeric.contains(pb)) {
                throw overload(e, name, [a, b])
            }
            return .bool
        case "<", "<=", ">", ">=":
            if let pa = a.primitive, let pb = b.primitive, pa != pb,
               !(Self.numeric.contains(pa) && Self.numeric.contains(pb)) {
                throw overload(e, name, [a, b])
            }
            for t in [a, b] {
                switch t {
                case .list, .map, .schema, .objectMeta, .null, .type, .optional: throw overload(e, name, [a, b])
                default: break
                }
            }
            return .bool
        case "in":
            switch b {
            case .list, .map, .dyn, .schema, .objectMeta: return .bool
            default: throw overload(e, name, [a, b])
            }
        default:
            break
        }
        // Arithmetic.
        if a.isDyn || b.isDyn { return a.isDyn ? b : a }
        switch (op, a, b) {
        case ("+", .list, .list): return Self.join(a, b)
        case ("+", .timestamp, .duration), ("+", .duration, .timestamp), ("-", .timestamp, .duration): return .timestamp
        case ("-", .timestamp, .timestamp): return .duration
        default: break
        }
        guard let pa = a.primitive, let pb = b.primitive, pa == pb else { throw overload(e, name, [a, b]) }
        let allowed: Set<String>
        switch op {
        case "+": allowed = ["int", "uint", "double", "string", "bytes", "google.protobuf.Duration"]
        case "-": allowed = ["int", "uint", "double", "google.protobuf.Duration"]
        case "*", "/": allowed = ["int", "uint", "double"]
        default: allowed = ["int", "uint"]
        }
        guard allowed.contains(pa) else { throw overload(e, name, [a, b]) }
        return a
    }

    private mutating func call(_ e: CELExpr, _ target: CELExpr?, _ name: String, _ args: [CELExpr]) throws(Failure) -> CELType {
        // `optional.of(x)` and friends: `optional` is a namespace, not a variable.
        if let target, case .ident("optional") = target.kind, lookup("optional") == nil {
            for arg in args { _ = try check(arg) }
            switch name {
            case "of", "ofNonZeroValue": return .optional(args.first.map { _ in .dyn } ?? .dyn)
            case "none": return .optional(.dyn)
            default: throw Failure(offset: e.offset, message: "undeclared reference to 'optional.\(name)' (in container '')")
            }
        }
        let targetType = try target.map { t throws(Failure) in try check(t) }
        var argTypes: [CELType] = []
        for arg in args { argTypes.append(try check(arg)) }
        guard let result = CELFunctions.resultType(name, target: targetType, args: argTypes) else {
            if target == nil {
                throw Failure(offset: e.offset, message: "undeclared reference to '\(name)' (in container '')")
            }
            let receiver = targetType?.name ?? "dyn"
            throw Failure(offset: e.offset, message: "found no matching overload for '\(name)' applied to '\(receiver).(\(argTypes.map(\.name).joined(separator: ", ")))'")
        }
        return result
    }
}
