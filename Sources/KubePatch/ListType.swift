/// How the elements of a list are identified when patches are merged and
/// fields are owned (`x-kubernetes-list-type`).
public enum ListType: Sendable, Equatable {
    /// The list is one value: replaced wholesale, owned as a whole.
    case atomic
    /// A set of scalars: merged by value, each value owned separately.
    case set
    /// A list of objects identified by the values of `keys`
    /// (`x-kubernetes-list-map-keys`): merged by key, each item owned separately.
    case map(keys: [String])
}
