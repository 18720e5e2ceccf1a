/// Field paths as people write them: `spec.containers[0].name`. One spelling
/// shared by the parser (which records node positions) and decoding errors
/// (which look them up).
enum FieldPath {
    static func appending(key: String, to path: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    static func appending(index: Int, to path: String) -> String {
        path + "[\(index)]"
    }
}
