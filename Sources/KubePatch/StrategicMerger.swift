import JSON
import OrderedCollections

/// The recursive work of `StrategicMergePatch`, following strategicpatch's
/// `mergeMap` / `mergeSlice` step by step.
struct StrategicMerger<Schema: PatchSchema> {
    typealias Object = OrderedDictionary<String, JSONValue>
    let schema: Schema

    static var directive: String { "$patch" }
    static var retainKeys: String { "$retainKeys" }
    static var deleteFromPrimitiveList: String { "$deleteFromPrimitiveList" }
    static var setElementOrder: String { "$setElementOrder" }

    func mergeMap(_ original: Object, _ patch: Object, path: [String]) throws(PatchError) -> Object {
        if let directive = patch[Self.directive] {
            switch directive {
            case "replace":
                var rest = patch
                rest[Self.directive] = nil
                return try mergeMap([:], rest, path: path)
            case "delete":
                return [:]
            default:
                throw .badRequest("unknown patch type: \(directive.serialized()) in map: \(JSONValue.object(patch).serialized())")
            }
        }
        var original = original
        var patch = patch
        try applyRetainKeys(&original, &patch)
        try applySetElementOrder(&original, &patch, path: path)

        for (patchKey, value) in patch {
            var key = patchKey
            var isDeleteList = false
            if patchKey.hasPrefix(Self.deleteFromPrimitiveList) {
                key = try Self.listName(in: patchKey, prefix: Self.deleteFromPrimitiveList,
                                        error: "invalid patch format of primitive list")
                isDeleteList = true
            } else if patchKey.hasPrefix("$") {
                // Unknown directives never reach the stored object.
                continue
            }
            if value.isNull {
                original[key] = nil
                continue
            }
            guard let current = original[key] else {
                if !isDeleteList { original[key] = try clean(value, path: path + [key]) }
                continue
            }
            switch (current, value) {
            case (.object(let o), .object(let p)):
                original[key] = .object(try mergeMap(o, p, path: path + [key]))
            case (.array(let o), .array(let p)):
                original[key] = .array(try mergeList(o, p, path: path + [key], isDeleteList: isDeleteList))
            default:
                if isDeleteList { continue }
                original[key] = try clean(value, path: path + [key])
            }
        }
        return original
    }

    /// A value taken from the patch as is: directives processed, nulls dropped.
    func clean(_ value: JSONValue, path: [String]) throws(PatchError) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(try mergeMap([:], members, path: path))
        case .array(let items):
            switch schema.strategicListType(at: path) {
            case .atomic: return value
            case .set, .map: return .array(try mergeList([], items, path: path, isDeleteList: false))
            }
        default:
            return value
        }
    }

    /// `$retainKeys`: keys of the original not listed are cleared; every key
    /// the patch sets must be listed.
    private func applyRetainKeys(_ original: inout Object, _ patch: inout Object) throws(PatchError) {
        guard let retain = patch.removeValue(forKey: Self.retainKeys) else { return }
        let bad = PatchError.badRequest("invalid patch format of retainKeys")
        guard case .array(let names) = retain else { throw bad }
        let keep = Set(names)
        for (key, value) in patch where !value.isNull && !key.hasPrefix(Self.deleteFromPrimitiveList)
            && !key.hasPrefix(Self.setElementOrder) && key != Self.directive {
            if !keep.contains(.string(key)) { throw bad }
        }
        original = original.filter { keep.contains(.string($0.key)) }
    }

    /// `$setElementOrder/<list>`: merges the list and orders it as given,
    /// keeping items only the server has at their relative live position.
    private func applySetElementOrder(_ original: inout Object, _ patch: inout Object, path: [String]) throws(PatchError) {
        for directiveKey in patch.keys where directiveKey.hasPrefix(Self.setElementOrder) {
            guard let orderValue = patch.removeValue(forKey: directiveKey) else { continue }
            guard case .array(let order) = orderValue else {
                throw .badRequest("expected a []interface {}, but received a \(JSONPatch.goTypeName(orderValue))")
            }
            let key = try Self.listName(in: directiveKey, prefix: Self.setElementOrder,
                                        error: "invalid patch format of setElementOrder list")
            let listPath = path + [key]
            let originalList = try original[key].map { (v) throws(PatchError) in try Self.array(v) }
            let patchList = try patch[key].map { (v) throws(PatchError) in try Self.array(v) }
            let mergeKey: String?
            switch schema.strategicListType(at: listPath) {
            case .map(let keys): mergeKey = keys.first
            case .set: mergeKey = nil
            case .atomic:
                // Nothing to order: the patch's list replaces the live one.
                if let patchList { original[key] = try clean(.array(patchList), path: listPath) }
                patch[key] = nil
                continue
            }
            if let patchList { try validate(patchList, against: order, mergeKey: mergeKey) }

            let merged: [JSONValue]
            switch (originalList, patchList) {
            case (let o?, nil): merged = o
            case (nil, let p?): merged = try mergeList([], p, path: listPath, isDeleteList: false)
            case (let o?, let p?): merged = try mergeList(o, p, path: listPath, isDeleteList: false)
            case (nil, nil): continue
            }
            let (inOrder, serverOnly) = try partition(merged, by: order, mergeKey: mergeKey)
            original[key] = .array(try normalizeOrder(inOrder, serverOnly, patchOrder: order,
                                                      serverOrder: originalList ?? [], mergeKey: mergeKey))
            patch[key] = nil
        }
    }

    /// Every patch item must appear in the `$setElementOrder` list, in order.
    private func validate(_ patchList: [JSONValue], against order: [JSONValue], mergeKey: String?) throws(PatchError) {
        guard !order.isEmpty, !patchList.isEmpty else { return }
        let items = mergeKey == nil ? patchList : patchList.filter { $0[Self.directive] != "delete" }
        var p = 0, o = 0
        while p < items.count, o < order.count {
            if case .object(let m) = items[p], m[Self.directive] != nil {
                p += 1
                continue
            }
            if try sameItem(items[p], order[o], mergeKey: mergeKey) { p += 1 }
            o += 1
        }
        if p < items.count, o >= order.count {
            throw .badRequest("The order in patch list:\n\(JSONValue.array(patchList).serialized())\n doesn't match \(Self.setElementOrder) list:\n\(JSONValue.array(order).serialized())\n")
        }
    }

    /// Merges a patch list into a live list according to the schema:
    /// atomic lists are replaced, sets and list-maps merged.
    func mergeList(_ original: [JSONValue], _ patch: [JSONValue], path: [String], isDeleteList: Bool) throws(PatchError) -> [JSONValue] {
        let mergeKey: String?
        switch schema.strategicListType(at: path) {
        case .atomic:
            // Deletion lists only make sense for merging lists.
            return isDeleteList ? original : patch
        case .set:
            mergeKey = nil
        case .map(let keys):
            mergeKey = keys.first
        }
        if original.isEmpty && patch.isEmpty { return original }
        let isMapList = try Self.elementsAreObjects(original + patch)

        var serverOrder = original
        var patchItems = patch
        let merged: [JSONValue]
        if !isMapList {
            if isDeleteList { return original.filter { !patch.contains($0) } }
            var seen: [JSONValue] = []
            for item in original + patch where !seen.contains(item) { seen.append(item) }
            merged = seen
            let (inPatch, serverOnly) = try partition(merged, by: patch, mergeKey: nil)
            return try normalizeOrder(inPatch, serverOnly, patchOrder: patch, serverOrder: original, mergeKey: nil)
        }
        guard let mergeKey else {
            throw .badRequest("cannot merge lists without merge key for \(path.joined(separator: "."))")
        }
        (serverOrder, patchItems) = try applyItemDirectives(original, patch, mergeKey: mergeKey)
        var result = serverOrder
        for item in patchItems {
            guard case .object(let members) = item, let keyValue = members[mergeKey] else {
                throw Self.noMergeKey(item, mergeKey)
            }
            if let index = result.firstIndex(where: { $0[mergeKey] == keyValue }), case .object(let live) = result[index] {
                result[index] = .object(try mergeMap(live, members, path: path))
            } else {
                result.append(try clean(item, path: path))
            }
        }
        merged = result
        let (inPatch, serverOnly) = try partition(merged, by: patchItems, mergeKey: mergeKey)
        return try normalizeOrder(inPatch, serverOnly, patchOrder: patchItems, serverOrder: serverOrder, mergeKey: mergeKey)
    }

    /// `$patch` items of a list-map patch: `delete` removes matching live
    /// items, `replace` makes the other patch items the whole list.
    private func applyItemDirectives(_ original: [JSONValue], _ patch: [JSONValue], mergeKey: String) throws(PatchError) -> ([JSONValue], [JSONValue]) {
        var original = original
        var rest: [JSONValue] = []
        var replace = false
        for item in patch {
            guard case .object(let members) = item, let directive = members[Self.directive] else {
                rest.append(item)
                continue
            }
            switch directive {
            case "delete":
                guard let keyValue = members[mergeKey] else { throw Self.noMergeKey(item, mergeKey) }
                original.removeAll { $0[mergeKey] == keyValue }
            case "replace":
                replace = true
            case "merge":
                throw .badRequest("merging lists cannot yet be specified in the patch")
            default:
                throw .badRequest("unknown patch type: \(directive.serialized()) in map: \(item.serialized())")
            }
        }
        return replace ? (rest, []) : (original, rest)
    }

    /// Splits `items` into those present in `list` and the others.
    private func partition(_ items: [JSONValue], by list: [JSONValue], mergeKey: String?) throws(PatchError) -> ([JSONValue], [JSONValue]) {
        var present: [JSONValue] = [], absent: [JSONValue] = []
        for item in items {
            if try position(of: item, in: list, mergeKey: mergeKey) != nil { present.append(item) } else { absent.append(item) }
        }
        return (present, absent)
    }

    /// Patch items in patch order and server-only items in live order,
    /// interleaved: a server-only item goes before a patch item only when
    /// both are live and it was before it there (so new items come first).
    private func normalizeOrder(_ patchItems: [JSONValue], _ serverOnly: [JSONValue], patchOrder: [JSONValue],
                                serverOrder: [JSONValue], mergeKey: String?) throws(PatchError) -> [JSONValue] {
        let right = try sorted(patchItems, by: patchOrder, mergeKey: mergeKey)
        let left = try sorted(serverOnly, by: serverOrder, mergeKey: mergeKey)
        var out: [JSONValue] = []
        var i = 0, j = 0
        while i < left.count || j < right.count {
            if i >= left.count {
                out.append(right[j]); j += 1
            } else if j >= right.count {
                out.append(left[i]); i += 1
            } else if let li = try position(of: left[i], in: serverOrder, mergeKey: mergeKey),
                      let ri = try position(of: right[j], in: serverOrder, mergeKey: mergeKey), li < ri {
                out.append(left[i]); i += 1
            } else {
                out.append(right[j]); j += 1
            }
        }
        return out
    }

    /// Stable sort by position in `order`; items not in it keep their place.
    private func sorted(_ items: [JSONValue], by order: [JSONValue], mergeKey: String?) throws(PatchError) -> [JSONValue] {
        var keyed: [(offset: Int, position: Int?, item: JSONValue)] = []
        for (offset, item) in items.enumerated() {
            keyed.append((offset, try position(of: item, in: order, mergeKey: mergeKey), item))
        }
        return keyed.sorted { a, b in
            if let pa = a.position, let pb = b.position, pa != pb { return pa < pb }
            return a.offset < b.offset
        }.map(\.item)
    }

    private func position(of item: JSONValue, in list: [JSONValue], mergeKey: String?) throws(PatchError) -> Int? {
        for (index, candidate) in list.enumerated() where try sameItem(item, candidate, mergeKey: mergeKey) {
            return index
        }
        return nil
    }

    private func sameItem(_ a: JSONValue, _ b: JSONValue, mergeKey: String?) throws(PatchError) -> Bool {
        guard let mergeKey else { return a == b }
        guard let ka = a[mergeKey] else { throw Self.noMergeKey(a, mergeKey) }
        guard let kb = b[mergeKey] else { throw Self.noMergeKey(b, mergeKey) }
        return ka == kb
    }

    /// Whether the list's elements are objects; they must all be of one kind.
    private static func elementsAreObjects(_ items: [JSONValue]) throws(PatchError) -> Bool {
        func kind(_ v: JSONValue) -> Int {
            switch v {
            case .object: return 0
            case .array: return 1
            case .int, .double: return 2
            case .string: return 3
            case .bool: return 4
            case .null: return 5
            }
        }
        guard let first = items.first else { return false }
        if case .array = first { throw .badRequest("lists of lists are not supported") }
        for item in items where kind(item) != kind(first) {
            throw .badRequest("list element types are not identical: \(JSONValue.array(items).serialized())")
        }
        if case .object = first { return true }
        return false
    }

    private static func noMergeKey(_ item: JSONValue, _ key: String) -> PatchError {
        .badRequest("map: \(item.serialized()) does not contain declared merge key: \(key)")
    }

    private static func array(_ value: JSONValue) throws(PatchError) -> [JSONValue] {
        guard case .array(let items) = value else {
            throw .badRequest("expected a []interface {}, but received a \(JSONPatch.goTypeName(value))")
        }
        return items
    }

    /// The list name after `<prefix>/`.
    private static func listName(in key: String, prefix: String, error: String) throws(PatchError) -> String {
        let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == prefix else { throw .badRequest(error) }
        return String(parts[1])
    }
}
