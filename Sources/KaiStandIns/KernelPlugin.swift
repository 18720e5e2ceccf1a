/// One entry of a kernel's `plugins` list: `{name, functions[]}`.
public struct KernelPlugin: Sendable, Hashable {
    /// The plugin name, as given in the create request's `enabledPlugins`.
    public var name: String
    /// The plugin's function names.
    public var functions: [String]

    /// A plugin entry; see the properties.
    public init(name: String, functions: [String]) {
        self.name = name
        self.functions = functions
    }
}
