public import KubeClient

extension InformerConfiguration {
    /// How the informer's own watcher decodes (the `client:` initialisers of ``Informer``): what
    /// is stripped before caching is not decoded in the first place.
    public var decoding: DecodingOptions {
        DecodingOptions(skipManagedFields: stripManagedFields, internStrings: internStrings)
    }
}
