/// The standard tags go-yaml v2 knows, in their expanded form
/// (libyaml expands `!!int` to `tag:yaml.org,2002:int`).
enum YAMLTag {
    static let prefix = "tag:yaml.org,2002:"
    static let str = prefix + "str"
    static let int = prefix + "int"
    static let float = prefix + "float"
    static let bool = prefix + "bool"
    static let null = prefix + "null"
    static let timestamp = prefix + "timestamp"
    static let binary = prefix + "binary"
    static let merge = prefix + "merge"

    /// `!!int` for `tag:yaml.org,2002:int`; other tags unchanged (as go-yaml prints them).
    static func short(_ tag: String) -> String {
        tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }

    /// Tags whose scalars go through implicit resolution (go-yaml's `resolvableTag`).
    static func isResolvable(_ tag: String) -> Bool {
        switch tag {
        case "", str, int, float, bool, null, timestamp: return true
        default: return false
        }
    }
}
