import JSON

/// Does a live child still hold everything the operator rendered? The check that lets the
/// reconciler skip an unchanged child and still notice someone else's edit.
///
/// `rendered` must be contained in `live`: every member of a rendered object is in the live
/// one, recursively. The server adds defaults (`imagePullPolicy`, `clusterIP`...) and other
/// controllers add fields the operator does not own; those are ignored. Lists of objects with
/// a `name` (containers, ports, env, volumes) or a `uid` (ownerReferences) are matched by that
/// key, so an extra element added by someone else (a sidecar) is ignored too; other lists must
/// match element by element. Quantities are compared by value, as the server stores them in
/// canonical form (`2000m` comes back as `2`).
enum DevSessionDrift {
    /// True when `live` contains `rendered`.
    static func contains(_ live: JSONValue, _ rendered: JSONValue) -> Bool {
        matches(rendered, live, quantity: false)
    }

    /// The first path where `live` differs from `rendered`, for events and logs.
    static func firstDifference(_ live: JSONValue, _ rendered: JSONValue) -> String? {
        difference(rendered, live, path: "", quantity: false)
    }

    static func matches(_ rendered: JSONValue, _ live: JSONValue, quantity: Bool) -> Bool {
        difference(rendered, live, path: "", quantity: quantity) == nil
    }

    static func difference(_ rendered: JSONValue, _ live: JSONValue, path: String, quantity: Bool) -> String? {
        switch (rendered, live) {
        case (.object(let want), .object(let have)):
            for (key, value) in want {
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard let other = have[key] else { return child }
                // Values of these maps are quantities (resources.limits, PVC requests.storage).
                let quantities = quantity || key == "limits" || key == "requests" || key == "capacity"
                if let found = difference(value, other, path: child, quantity: quantities) { return found }
            }
            return nil
        case (.array(let want), .array(let have)):
            if let key = listKey(want) {
                for element in want {
                    let id = element[key]
                    guard let other = have.first(where: { $0[key] == id }) else {
                        return "\(path)[\(key)=\(id?.stringValue ?? "?")]"
                    }
                    if let found = difference(element, other, path: "\(path)[\(key)=\(id?.stringValue ?? "?")]", quantity: false) {
                        return found
                    }
                }
                return nil
            }
            guard want.count == have.count else { return path }
            for (index, pair) in zip(want, have).enumerated() {
                if let found = difference(pair.0, pair.1, path: "\(path)[\(index)]", quantity: false) { return found }
            }
            return nil
        default:
            if rendered == live { return nil }
            if quantity, let a = quantityText(rendered).flatMap(DevSessionQuantity.init),
               let b = quantityText(live).flatMap(DevSessionQuantity.init), a == b {
                return nil
            }
            return path
        }
    }

    /// The key identifying the elements of a list of objects, when every element has one.
    static func listKey(_ elements: [JSONValue]) -> String? {
        for key in ["name", "uid"] where !elements.isEmpty && elements.allSatisfy({ $0[key]?.stringValue != nil }) {
            return key
        }
        return nil
    }

    static func quantityText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        default: return nil
        }
    }
}
