/// How a list merges (`x-kubernetes-list-type`): the default for a list is `atomic`.
public enum ListType: Sendable, Equatable {
    case atomic
    case set
    /// Merged element-wise by the values of `keys` (`x-kubernetes-list-map-keys`).
    case map(keys: [String])
}
