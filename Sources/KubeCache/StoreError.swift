/// A query on a ``Store`` that cannot be answered.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No index of that name was configured; carries the names that exist.
    case unknownIndex(IndexName, known: [IndexName])

    public var description: String {
        switch self {
        case .unknownIndex(let name, let known):
            return "the cache has no index \"\(name)\" (indexes: \(known.map(\.rawValue).sorted().joined(separator: ", ")))"
        }
    }
}
