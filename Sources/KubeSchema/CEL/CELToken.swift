/// One lexical token of a CEL expression; `offset` counts Unicode scalars from the start,
/// which is how cel-go counts columns in its error messages.
struct CELToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        case int(Int64)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        /// Operators and punctuation (`==`, `&&`, `.`, `(`, ...).
        case symbol(String)
        case end
    }

    var kind: Kind
    var offset: Int
}
