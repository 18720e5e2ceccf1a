public import JSON

/// Converts objects between the API versions of one kind, so that the
/// managers whose managedFields entries were written in another version than
/// the request's are compared in their own version (field names can differ:
/// core/v1 `involvedObject` is events.k8s.io/v1 `regarding`).
///
/// This is structured-merge-diff's `Updater` converter: every manager keeps
/// its entry in the version it wrote, and a write changes or releases its
/// fields as the object looks in that version.
public protocol VersionConverter: Sendable {
    /// `object` converted to `apiVersion`, with that version's patch schema;
    /// nil when this converter does not know the version (the object is then
    /// compared as it is).
    func converted(_ object: JSONValue, to apiVersion: String) -> VersionedObject?
}

/// An object in one API version, with the schema of that version.
public struct VersionedObject: Sendable {
    public var object: JSONValue
    public var schema: any PatchSchema

    public init(object: JSONValue, schema: any PatchSchema) {
        self.object = object
        self.schema = schema
    }
}
