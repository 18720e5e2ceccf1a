public import JSON

extension JSONValue {
    /// Removes `metadata.managedFields` from this object, if it has any.
    public mutating func removeManagedFields() {
        guard self[path: "metadata", "managedFields"] != nil else { return }
        self[path: "metadata", "managedFields"] = nil
    }

    /// Removes `metadata.managedFields` from every object of this list's `items`, in place.
    mutating func removeManagedFieldsOfItems() {
        guard case .object(var fields) = self, case .array(var items)? = fields["items"] else { return }
        // Take the items and the list apart so that each is uniquely referenced and mutated in
        // place rather than copied.
        self = .null
        fields["items"] = .null
        for index in items.indices { items[index].removeManagedFields() }
        fields["items"] = .array(items)
        self = .object(fields)
    }
}
