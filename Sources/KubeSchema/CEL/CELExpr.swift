/// A parsed CEL expression node; `offset` is where cel-go would report it (the operator
/// for operations, the `.` for field selection, the name for identifiers and calls).
struct CELExpr: Sendable {
    indirect enum Kind: Sendable {
        case literal(CELValue)
        case ident(String)
        /// `operand.field`, or `operand.?field` when `optional`.
        case select(CELExpr, String, optional: Bool)
        /// `operand[index]`, or `operand[?index]` when `optional`.
        case index(CELExpr, CELExpr, optional: Bool)
        /// A function call: `name(args)` or `target.name(args)`.
        case call(target: CELExpr?, name: String, args: [CELExpr])
        case list([CELExpr])
        case map([(key: CELExpr, value: CELExpr)])
        case unary(String, CELExpr)
        case binary(String, CELExpr, CELExpr)
        case and(CELExpr, CELExpr)
        case or(CELExpr, CELExpr)
        case conditional(CELExpr, CELExpr, CELExpr)
        /// The `has(operand.field)` macro.
        case has(CELExpr, String)
        /// `range.all(x, p)`, `exists`, `exists_one`, `map` (with optional filter), `filter`.
        case comprehension(Comprehension)
    }

    struct Comprehension: Sendable {
        enum Macro: String, Sendable { case all, exists, existsOne = "exists_one", map, filter }
        var macro: Macro
        var range: CELExpr
        var variable: String
        /// The predicate (`all`/`exists`/`exists_one`/`filter`), or the transform of `map`.
        var body: CELExpr
        /// The filter of three-argument `map(x, filter, transform)`.
        var filter: CELExpr?
    }

    var offset: Int
    var kind: Kind

    init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// Whether the expression mentions the identifier `name` anywhere (for `oldSelf`).
    func references(_ name: String) -> Bool {
        switch kind {
        case .literal: return false
        case .ident(let n): return n == name
        case .select(let e, _, _), .unary(_, let e), .has(let e, _): return e.references(name)
        case .index(let a, let b, _), .binary(_, let a, let b), .and(let a, let b), .or(let a, let b):
            return a.references(name) || b.references(name)
        case .call(let target, _, let args):
            return (target?.references(name) ?? false) || args.contains { $0.references(name) }
        case .list(let items): return items.contains { $0.references(name) }
        case .map(let entries): return entries.contains { $0.key.references(name) || $0.value.references(name) }
        case .conditional(let a, let b, let c): return a.references(name) || b.references(name) || c.references(name)
        case .comprehension(let c):
            if c.variable == name { return c.range.references(name) }
            return c.range.references(name) || c.body.references(name) || (c.filter?.references(name) ?? false)
        }
    }
}

/// A parse error at a position of the source.
struct CELSyntaxError: Error, Sendable {
    var offset: Int
    var message: String
}
