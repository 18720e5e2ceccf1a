/// Reads the protobuf wire format: tags, varints, fixed-width and length-delimited values.
struct ProtobufWireReader {
    enum Value {
        case varint(UInt64)
        case fixed64(UInt64)
        case fixed32(UInt32)
        case bytes(ArraySlice<UInt8>)
    }

    private let bytes: ArraySlice<UInt8>
    private var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }

    /// The next field number and value; nil at the end of the message.
    mutating func next() throws(ProtobufError) -> (number: Int, value: Value)? {
        guard !isAtEnd else { return nil }
        let key = try varint()
        let number = Int(truncatingIfNeeded: key >> 3)
        guard number > 0, number < 1 << 29 else { throw ProtobufError("illegal field number \(number)") }
        switch key & 7 {
        case 0: return (number, .varint(try varint()))
        case 1: return (number, .fixed64(try fixed(8)))
        case 2:
            let length = try varint()
            guard length <= UInt64(bytes.endIndex - index) else {
                throw ProtobufError("field \(number): length \(length) runs past the end of the data (unexpected EOF)")
            }
            let start = index
            index += Int(length)
            return (number, .bytes(bytes[start..<index]))
        case 5: return (number, .fixed32(UInt32(truncatingIfNeeded: try fixed(4))))
        default: throw ProtobufError("field \(number): illegal wire type \(key & 7)")
        }
    }

    mutating func varint() throws(ProtobufError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            guard shift < 64 else { throw ProtobufError("integer overflow in varint") }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        throw ProtobufError("varint runs past the end of the data (unexpected EOF)")
    }

    /// A little-endian fixed-width value of `width` bytes.
    mutating func fixed(_ width: Int) throws(ProtobufError) -> UInt64 {
        guard bytes.endIndex - index >= width else { throw ProtobufError("fixed-width value runs past the end of the data (unexpected EOF)") }
        var result: UInt64 = 0
        for i in 0..<width { result |= UInt64(bytes[index + i]) << (8 * UInt64(i)) }
        index += width
        return result
    }
}
