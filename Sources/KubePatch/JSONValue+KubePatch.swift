import JSON

extension JSONValue {
    /// Whether the value is an object or an array.
    var isContainer: Bool {
        switch self {
        case .object, .array: return true
        default: return false
        }
    }
}

extension JSONValue {
    /// The object without `metadata.managedFields`.
    var withoutManagedFields: JSONValue {
        guard var metadata = self["metadata"], metadata["managedFields"] != nil else { return self }
        metadata["managedFields"] = nil
        var result = self
        result["metadata"] = metadata
        return result
    }
}

extension JSONValue {
    /// A total order over values (numbers < strings < booleans < arrays <
    /// objects < null), numbers compared numerically; -1, 0 or 1.
    static func order(_ a: JSONValue, _ b: JSONValue) -> Int {
        func rank(_ v: JSONValue) -> Int {
            switch v {
            case .int, .double: return 0
            case .string: return 1
            case .bool: return 2
            case .array: return 3
            case .object: return 4
            case .null: return 5
            }
        }
        let (ra, rb) = (rank(a), rank(b))
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a, b) {
        case let (.int(x), .int(y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.int, .double), (.double, .int), (.double, .double):
            let (x, y) = (a.doubleValue ?? 0, b.doubleValue ?? 0)
            return x == y ? 0 : (x < y ? -1 : 1)
        case let (.string(x), .string(y)): return x == y ? 0 : (x < y ? -1 : 1)
        case let (.bool(x), .bool(y)): return x == y ? 0 : (!x ? -1 : 1)
        case let (.array(x), .array(y)):
            for (p, q) in zip(x, y) {
                let o = order(p, q)
                if o != 0 { return o }
            }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        case let (.object(x), .object(y)):
            let (kx, ky) = (x.keys.sorted(), y.keys.sorted())
            for (p, q) in zip(kx, ky) {
                if p != q { return p < q ? -1 : 1 }
                let o = order(x[p] ?? .null, y[q] ?? .null)
                if o != 0 { return o }
            }
            return kx.count == ky.count ? 0 : (kx.count < ky.count ? -1 : 1)
        default: return 0
        }
    }
}
