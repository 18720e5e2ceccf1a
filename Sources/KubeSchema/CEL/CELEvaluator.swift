/// A runtime error of a CEL evaluation, worded like cel-go (`no such key: x`,
/// `division by zero`, `integer overflow`, `no such overload`).
struct CELEvalError: Error, Sendable, Equatable {
    var message: String
    init(_ message: String) { self.message = message }

    static let noSuchOverload = CELEvalError("no such overload")
}

/// Tree-walking interpreter with CEL's semantics: errors are values that `&&`, `||` and
/// `?:` may absorb (`false && error` is false in either order), int/uint arithmetic
/// reports overflow, and macros iterate lists (elements) and maps (keys).
struct CELEvaluator {
    private var scopes: [[String: CELValue]]
    /// Regular expressions compiled during this evaluation, by pattern.
    var regexCache: [String: GoRegex] = [:]

    init(variables: [String: CELValue]) { scopes = [variables] }

    private func lookup(_ name: String) -> CELValue? {
        for scope in scopes.reversed() { if let v = scope[name] { return v } }
        return nil
    }

    mutating func evaluate(_ e: CELExpr) throws(CELEvalError) -> CELValue {
        switch e.kind {
        case .literal(let v):
            return v
        case .ident(let name):
            if let v = lookup(name) { return v }
            if CELChecker.typeIdentifiers.contains(name) {
                return .type(name == "null_type" ? "null_type" : name)
            }
            throw CELEvalError("no such attribute: \(name)")
        case .select(let operand, let field, let optional):
            let base = try evaluate(operand)
            if optional { return try optionalSelect(base, field) }
            return try select(base, field)
        case .index(let operand, let index, let optional):
            let base = try evaluate(operand)
            let key = try evaluate(index)
            if optional {
                if case .optional(let inner) = base {
                    guard let inner else { return .optional(nil) }
                    return try optionalIndex(inner.value, key)
                }
                return try optionalIndex(base, key)
            }
            return try Self.index(base, key)
        case .has(let operand, let field):
            let base = try evaluate(operand)
            switch base {
            case .map(let m): return .bool(m.value(for: .string(field)) != nil)
            default: throw CELEvalError.noSuchOverload
            }
        case .list(let items):
            var out: [CELValue] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try evaluate(item)) }
            return .list(out)
        case .map(let entries):
            var map = CELMap()
            for entry in entries {
                let key = try evaluate(entry.key)
                switch key {
                case .string, .int, .uint, .bool: break
                default: throw CELEvalError("unsupported key type")
                }
                if map.value(for: key) != nil { throw CELEvalError("Failed with repeated key") }
                map.entries.append((key, try evaluate(entry.value)))
            }
            return .map(map)
        case .unary(let op, let operand):
            let v = try evaluate(operand)
            return try CELOperators.unary(op, v)
        case .and(let a, let b):
            return try logical(a, b, absorbing: false)
        case .or(let a, let b):
            return try logical(a, b, absorbing: true)
        case .conditional(let c, let a, let b):
            switch try evaluate(c) {
            case .bool(true): return try evaluate(a)
            case .bool(false): return try evaluate(b)
            default: throw CELEvalError.noSuchOverload
            }
        case .binary(let op, let a, let b):
            let left = try evaluate(a)
            let right = try evaluate(b)
            return try CELOperators.binary(op, left, right)
        case .comprehension(let c):
            return try comprehension(c)
        case .call(let target, let name, let args):
            if let target, case .ident("optional") = target.kind, lookup("optional") == nil {
                var values: [CELValue] = []
                for arg in args { values.append(try evaluate(arg)) }
                return try CELFunctions.optionalNamespace(name, values)
            }
            let receiver = try target.map { t throws(CELEvalError) in try evaluate(t) }
            var values: [CELValue] = []
            values.reserveCapacity(args.count)
            for arg in args { values.append(try evaluate(arg)) }
            return try CELFunctions.call(name, target: receiver, args: values, evaluator: &self)
        }
    }

    /// `&&` (absorbing false) and `||` (absorbing true), commutative over errors.
    private mutating func logical(_ a: CELExpr, _ b: CELExpr, absorbing: Bool) throws(CELEvalError) -> CELValue {
        var firstError: CELEvalError?
        do {
            switch try evaluate(a) {
            case .bool(let v) where v == absorbing: return .bool(absorbing)
            case .bool: break
            default: firstError = .noSuchOverload
            }
        } catch {
            firstError = error
        }
        let right: CELValue
        do {
            right = try evaluate(b)
        } catch {
            throw firstError ?? error
        }
        switch right {
        case .bool(let v) where v == absorbing: return .bool(absorbing)
        case .bool(let v):
            if let firstError { throw firstError }
            return .bool(v)
        default:
            throw firstError ?? .noSuchOverload
        }
    }

    private func select(_ base: CELValue, _ field: String) throws(CELEvalError) -> CELValue {
        switch base {
        case .map(let m):
            guard let v = m.value(for: .string(field)) else { throw CELEvalError("no such key: \(field)") }
            return v
        case .optional(let inner):
            // Selection on an optional yields an optional (`oldSelf.spec` with optionalOldSelf).
            guard let inner else { return .optional(nil) }
            return try optionalSelect(inner.value, field)
        default:
            throw CELEvalError("type '\(base.typeName)' does not support field selection")
        }
    }

    private func optionalSelect(_ base: CELValue, _ field: String) throws(CELEvalError) -> CELValue {
        switch base {
        case .map(let m): return .optional(m.value(for: .string(field)).map(CELValueBox.init))
        case .optional(let inner):
            guard let inner else { return .optional(nil) }
            return try optionalSelect(inner.value, field)
        default: throw CELEvalError("type '\(base.typeName)' does not support field selection")
        }
    }

    private func optionalIndex(_ base: CELValue, _ key: CELValue) throws(CELEvalError) -> CELValue {
        switch base {
        case .map(let m): return .optional(m.value(for: key).map(CELValueBox.init))
        case .list(let items):
            guard let i = Self.listIndex(key) else { throw CELEvalError.noSuchOverload }
            return .optional(i >= 0 && i < items.count ? CELValueBox(items[i]) : nil)
        default: throw CELEvalError.noSuchOverload
        }
    }

    private static func listIndex(_ key: CELValue) -> Int? {
        switch key {
        case .int(let i): return Int(exactly: i)
        case .uint(let u): return Int(exactly: u)
        case .double(let d) where d.rounded(.towardZero) == d && d.isFinite: return Int(exactly: d)
        default: return nil
        }
    }

    static func index(_ base: CELValue, _ key: CELValue) throws(CELEvalError) -> CELValue {
        switch base {
        case .list(let items):
            guard let i = listIndex(key) else { throw CELEvalError.noSuchOverload }
            guard i >= 0 && i < items.count else {
                throw CELEvalError("index '\(i)' out of range in list size '\(items.count)'")
            }
            return items[i]
        case .map(let m):
            guard let v = m.value(for: key) else { throw CELEvalError("no such key: \(key.displayString)") }
            return v
        default:
            throw CELEvalError.noSuchOverload
        }
    }

    private mutating func comprehension(_ c: CELExpr.Comprehension) throws(CELEvalError) -> CELValue {
        let elements: [CELValue]
        switch try evaluate(c.range) {
        case .list(let items): elements = items
        case .map(let m): elements = m.entries.map(\.key)
        default: throw CELEvalError.noSuchOverload
        }
        scopes.append([:])
        defer { scopes.removeLast() }
        switch c.macro {
        case .all, .exists:
            // Like cel-go's fold: an error is kept until a deciding element shows up.
            let deciding = c.macro == .exists
            var pending: CELEvalError?
            for element in elements {
                scopes[scopes.count - 1][c.variable] = element
                do {
                    switch try evaluate(c.body) {
                    case .bool(let v) where v == deciding: return .bool(deciding)
                    case .bool: break
                    default: pending = pending ?? .noSuchOverload
                    }
                } catch {
                    pending = pending ?? error
                }
            }
            if let pending { throw pending }
            return .bool(!deciding)
        case .existsOne:
            var count = 0
            for element in elements {
                scopes[scopes.count - 1][c.variable] = element
                switch try evaluate(c.body) {
                case .bool(true): count += 1
                case .bool(false): break
                default: throw CELEvalError.noSuchOverload
                }
            }
            return .bool(count == 1)
        case .map:
            var out: [CELValue] = []
            for element in elements {
                scopes[scopes.count - 1][c.variable] = element
                if let filter = c.filter {
                    switch try evaluate(filter) {
                    case .bool(true): break
                    case .bool(false): continue
                    default: throw CELEvalError.noSuchOverload
                    }
                }
                out.append(try evaluate(c.body))
            }
            return .list(out)
        case .filter:
            var out: [CELValue] = []
            for element in elements {
                scopes[scopes.count - 1][c.variable] = element
                switch try evaluate(c.body) {
                case .bool(true): out.append(element)
                case .bool(false): break
                default: throw CELEvalError.noSuchOverload
                }
            }
            return .list(out)
        }
    }
}
