import JSON
import OrderedCollections

extension SchemaWalker {
    /// structured-merge-diff's `Merge` of an applied configuration into the
    /// live object: the configuration wins at every leaf (atomic lists and
    /// maps included), maps merge key by key, sets and list-maps item by item.
    /// A `null` in the configuration stays (see `droppingNulls`).
    func merge(_ live: JSONValue?, _ config: JSONValue?) -> JSONValue? {
        merge(live, config, schemaPath: [])
    }

    private func merge(_ lhs: JSONValue?, _ rhs: JSONValue?, schemaPath: [String]) -> JSONValue? {
        switch pair(lhs, rhs, at: schemaPath) {
        case .leaf:
            return rhs ?? lhs
        case .maps(let lm, let rm):
            var out = OrderedDictionary<String, JSONValue>()
            for (key, value) in lm {
                if let merged = merge(value, rm[key], schemaPath: schemaPath + [key]) { out[key] = merged }
            }
            for (key, value) in rm where lm[key] == nil {
                if let merged = merge(nil, value, schemaPath: schemaPath + [key]) { out[key] = merged }
            }
            return .object(out)
        case .lists(let li, let ri):
            return .array(mergeItems(li, ri, schemaPath: schemaPath))
        }
    }

    /// Merges list items keeping the configuration's order for items it
    /// names and the live position of the others (structured-merge-diff v4).
    private func mergeItems(_ li: [ListItem], _ ri: [ListItem], schemaPath: [String]) -> [JSONValue] {
        let (lhsOrder, observedLHS) = index(li)
        let (rhsOrder, observedRHS) = index(ri)
        var sharedOrder = rhsOrder.filter { observedLHS[$0] != nil }[...]
        var nextShared = sharedOrder.popFirst()
        var mergedRHS = Set<PathElement>()
        var out: [JSONValue] = []
        func take(_ element: PathElement) {
            if let value = merge(observedLHS[element], observedRHS[element], schemaPath: schemaPath) { out.append(value) }
        }
        var l = 0, r = 0
        while l < lhsOrder.count || r < rhsOrder.count {
            if l < lhsOrder.count, r < rhsOrder.count {
                let element = lhsOrder[l]
                if element == rhsOrder[r] {
                    mergedRHS.insert(element)
                    take(element)
                    l += 1
                    r += 1
                    nextShared = sharedOrder.popFirst()
                    continue
                }
                if observedRHS[element] != nil, let shared = nextShared, shared != element {
                    // Shared with the configuration, which wants it later.
                    l += 1
                    continue
                }
            }
            if l < lhsOrder.count {
                let element = lhsOrder[l]
                if observedRHS[element] == nil {
                    take(element)
                    l += 1
                    continue
                }
                if mergedRHS.contains(element) {
                    l += 1
                    continue
                }
            }
            if r < rhsOrder.count {
                let element = rhsOrder[r]
                mergedRHS.insert(element)
                take(element)
                r += 1
                if element == nextShared { nextShared = sharedOrder.popFirst() }
            } else {
                // Only already-placed live items remain.
                l += 1
            }
        }
        return out
    }

    /// `merged` without the null leaves `config` sets: the API server drops
    /// them when it decodes (built-in kinds) or prunes (custom resources) the
    /// result, so a `null` in an applied configuration removes the field.
    func droppingNulls(setBy config: JSONValue, in merged: JSONValue) -> JSONValue {
        droppingNulls(setBy: config, in: merged, schemaPath: [])
    }

    private func droppingNulls(setBy config: JSONValue, in merged: JSONValue, schemaPath: [String]) -> JSONValue {
        switch (shape(of: config, at: schemaPath), shape(of: merged, at: schemaPath)) {
        case (.map(let cm), .map(var mm)):
            for (key, value) in cm {
                guard let current = mm[key] else { continue }
                if value == .null && current == .null {
                    mm[key] = nil
                } else {
                    mm[key] = droppingNulls(setBy: value, in: current, schemaPath: schemaPath + [key])
                }
            }
            return .object(mm)
        case (.list(let ci), .list(let mi)):
            let (_, configItems) = index(ci)
            return .array(mi.map { item in
                configItems[item.element].map { droppingNulls(setBy: $0, in: item.value, schemaPath: schemaPath) } ?? item.value
            })
        default:
            return merged
        }
    }
}
