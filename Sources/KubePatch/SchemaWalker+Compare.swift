import JSON

extension SchemaWalker {
    /// structured-merge-diff's `Compare`: leaves are added, removed or
    /// modified; maps and list items are added or removed when they appear
    /// or disappear as a whole (a null or empty value does not count as
    /// absent, so `null` -> `[...]` adds only the items).
    func compare(_ old: JSONValue?, _ new: JSONValue?) -> Comparison {
        var comparison = Comparison()
        compare(old, new, path: [], schemaPath: [], into: &comparison)
        return comparison
    }

    private func compare(_ lhs: JSONValue?, _ rhs: JSONValue?, path: [PathElement], schemaPath: [String],
                         into c: inout Comparison) {
        switch pair(lhs, rhs, at: schemaPath) {
        case .leaf:
            if lhs == nil {
                c.added.insert(path[...])
            } else if rhs == nil {
                c.removed.insert(path[...])
            } else if lhs != rhs {
                c.modified.insert(path[...])
            }
            return
        case .maps(let lm, let rm):
            for (key, value) in lm {
                compare(value, rm[key], path: path + [.field(key)], schemaPath: schemaPath + [key], into: &c)
            }
            for (key, value) in rm where lm[key] == nil {
                compare(nil, value, path: path + [.field(key)], schemaPath: schemaPath + [key], into: &c)
            }
        case .lists(let li, let ri):
            let (lOrder, lItems) = index(li)
            let (rOrder, rItems) = index(ri)
            for element in lOrder {
                compare(lItems[element], rItems[element], path: path + [element], schemaPath: schemaPath, into: &c)
            }
            for element in rOrder where lItems[element] == nil {
                compare(nil, rItems[element], path: path + [element], schemaPath: schemaPath, into: &c)
            }
        }
        if lhs == nil {
            c.added.insert(path[...])
        } else if rhs == nil {
            c.removed.insert(path[...])
        }
    }
}
