import Synchronization

/// A table of strings through which equal strings come out sharing one buffer.
///
/// Made for one response (a list page) or one watch stream, so that nothing it holds outlives
/// the objects decoded from it for long: an object deleted later frees its strings as usual.
/// Strings of up to 15 UTF-8 bytes are stored inline by Swift (no buffer to share) and are
/// returned as they are.
public final class StringInterner: Sendable {
    /// Where a `JSONDecoder` carries the interner (read it with ``Swift/Decoder/interned(_:)``).
    public static let userInfoKey = CodingUserInfoKey(rawValue: "dev.kai.kube.stringInterner")!

    /// The longest string Swift stores inline on 64-bit platforms.
    static let inlineLimit = 15

    private let table = Mutex(Set<String>())
    /// When the table holds this many strings it starts over (a long watch stream must not
    /// accumulate every string it ever saw). nil: unbounded.
    public let limit: Int?

    /// An empty table.
    /// - Parameter limit: how many strings it keeps before it is emptied; nil keeps all.
    public init(limit: Int? = nil) {
        self.limit = limit
    }

    /// `string`, or an equal string seen before (which then shares its buffer).
    public func intern(_ string: String) -> String {
        guard string.utf8.count > Self.inlineLimit else { return string }
        return table.withLock { table in
            if let limit, table.count >= limit, !table.contains(string) { table.removeAll(keepingCapacity: true) }
            return table.insert(string).memberAfterInsert
        }
    }

    /// How many strings the table holds.
    public var count: Int { table.withLock { $0.count } }
}

extension StringInterner {
    /// A dictionary whose keys and values are interned (nil stays nil).
    func intern(_ dictionary: [String: String]?) -> [String: String]? {
        guard let dictionary else { return nil }
        var out = [String: String](minimumCapacity: dictionary.count)
        for (key, value) in dictionary { out[intern(key)] = intern(value) }
        return out
    }
}
