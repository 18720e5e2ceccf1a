import JSON

/// A short, stable fingerprint of a rendered object (64-bit FNV-1a of its compact JSON).
///
/// It only needs to notice that the renderer's output changed, not to resist forgery, so a
/// cryptographic hash would buy nothing. The renderer writes maps in a fixed order, so equal
/// objects serialize, and hash, identically.
enum DevSessionHash {
    static func hex(of value: JSONValue) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in value.serializedBytes() {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
