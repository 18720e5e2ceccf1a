/// What differs between two versions of an object, path by path
/// (structured-merge-diff's `typed.Comparison`).
struct Comparison {
    var added = FieldSet()
    var modified = FieldSet()
    var removed = FieldSet()

    var isSame: Bool { added.isEmpty && modified.isEmpty && removed.isEmpty }

    func removingPrefixes(_ prefixes: [FieldPath]) -> Comparison {
        guard !prefixes.isEmpty else { return self }
        return Comparison(added: added.removingPrefixes(prefixes), modified: modified.removingPrefixes(prefixes),
                          removed: removed.removingPrefixes(prefixes))
    }
}
