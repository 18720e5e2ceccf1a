public import JSON

extension StructuralSchema {
    /// Structural defaulting exactly like the server (`schema/defaulting.Default`): a missing
    /// property (or a `null` one that is not nullable) gets a copy of its `default`; defaults are
    /// applied top-down, so a default object is itself defaulted further, and so are list items
    /// and map values — including items of a list that was just defaulted.
    ///
    /// The server applies this on every write and on every read from storage.
    public func applyDefaults(to object: inout JSONValue) {
        Defaulter.apply(&object, node)
    }
}
