public import JSON

extension FieldSet {
    /// The fields `object` sets, as server-side apply counts an applied
    /// configuration: every leaf (atomic lists and objects as one), every
    /// list-map and set item, every null or empty object, and every key of a
    /// free-form map. System fields (`metadata.name`, ...) are included; the
    /// API server strips them from managedFields.
    public static func of(_ object: JSONValue, schema: some PatchSchema) -> FieldSet {
        SchemaWalker(schema: schema).fieldSet(of: object)
    }
}
