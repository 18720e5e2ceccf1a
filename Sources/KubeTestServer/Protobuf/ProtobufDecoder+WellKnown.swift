import Foundation
import JSON

/// Messages whose JSON form is not an object of their fields (custom Go JSON marshalling).
extension ProtobufDecoder {
    static let meta = "apimachinery.pkg.apis.meta.v1."

    /// The messages `special(_:message:)` handles (the generator emits no fields for them).
    static let specialMessages: Set<String> = [
        meta + "Time", meta + "MicroTime", meta + "Duration", meta + "FieldsV1", "apimachinery.pkg.api.resource.Quantity",
        "apimachinery.pkg.util.intstr.IntOrString", "apimachinery.pkg.runtime.RawExtension",
        "api.authentication.v1.ExtraValue", "api.authorization.v1.ExtraValue",
    ]

    /// The JSON of a special message, or nil when `name` is an ordinary message.
    static func special(_ bytes: ArraySlice<UInt8>, message name: String) throws(ProtobufError) -> JSONValue? {
        switch name {
        case meta + "Time", meta + "MicroTime":
            // Go marshals the zero time as no bytes at all; JSON writes it as null.
            if bytes.isEmpty { return .null }
            let fields = try numbers(bytes)
            let seconds = Int64(bitPattern: fields[1] ?? 0)
            let nanos = Int64(bitPattern: fields[2] ?? 0)
            guard nanos >= 0, nanos < 1_000_000_000 else { throw ProtobufError("nanos \(nanos) out of range") }
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            if name == meta + "Time" { return .string(Timestamps.time(date)) }
            let micros = String(nanos / 1000)
            return .string(String(Timestamps.time(date).dropLast()) + "." + String(repeating: "0", count: 6 - micros.count) + micros + "Z")
        case meta + "Duration":
            return .string(goDuration(Int64(bitPattern: try numbers(bytes)[1] ?? 0)))
        case "apimachinery.pkg.api.resource.Quantity":
            let text = try strings(bytes)[1] ?? ""
            return .string(text.isEmpty ? "0" : text)
        case "apimachinery.pkg.util.intstr.IntOrString":
            let fields = try numbers(bytes)
            if fields[1] == 1 { return .string(try strings(bytes)[3] ?? "") }
            return .int(Int64(Int32(truncatingIfNeeded: Int64(bitPattern: fields[2] ?? 0))))
        case "apimachinery.pkg.runtime.RawExtension", meta + "FieldsV1":
            guard let raw = try rawBytes(bytes)[1], !raw.isEmpty else { return .null }
            do { return try JSONValue(parsing: Array(raw)) } catch {
                throw ProtobufError("raw bytes are not JSON: \(error.reason)")
            }
        case "api.authentication.v1.ExtraValue", "api.authorization.v1.ExtraValue":
            // `type ExtraValue []string`: a list in JSON, a message of repeated items in protobuf.
            var items: [JSONValue] = []
            var reader = ProtobufWireReader(bytes)
            while let (number, value) = try reader.next() {
                if number == 1, case .bytes(let text) = value { items.append(.string(try string(text, field: "items"))) }
            }
            return .array(items)
        default:
            return nil
        }
    }

    private static func numbers(_ bytes: ArraySlice<UInt8>) throws(ProtobufError) -> [Int: UInt64] {
        var out: [Int: UInt64] = [:]
        var reader = ProtobufWireReader(bytes)
        while let (number, value) = try reader.next() {
            if case .varint(let v) = value { out[number] = v }
        }
        return out
    }

    private static func rawBytes(_ bytes: ArraySlice<UInt8>) throws(ProtobufError) -> [Int: ArraySlice<UInt8>] {
        var out: [Int: ArraySlice<UInt8>] = [:]
        var reader = ProtobufWireReader(bytes)
        while let (number, value) = try reader.next() {
            if case .bytes(let data) = value { out[number] = data }
        }
        return out
    }

    private static func strings(_ bytes: ArraySlice<UInt8>) throws(ProtobufError) -> [Int: String] {
        var out: [Int: String] = [:]
        for (number, data) in try rawBytes(bytes) { out[number] = try string(data, field: nil) }
        return out
    }

    /// Go's `time.Duration.String()`: `1h2m3.5s`, `150ms`, `0s`.
    static func goDuration(_ nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        let negative = nanoseconds < 0
        let magnitude = nanoseconds.magnitude
        let sign = negative ? "-" : ""
        func fraction(_ value: UInt64, _ unit: UInt64) -> String {
            var text = String(value / unit)
            var rest = value % unit
            if rest > 0 {
                var digits = ""
                var scale = unit / 10
                while rest > 0 && scale > 0 {
                    digits.append(String(rest / scale))
                    rest %= scale
                    scale /= 10
                }
                text += "." + digits
            }
            return text
        }
        if magnitude < 1_000_000_000 {
            if magnitude < 1_000 { return "\(sign)\(magnitude)ns" }
            if magnitude < 1_000_000 { return "\(sign)\(fraction(magnitude, 1_000))µs" }
            return "\(sign)\(fraction(magnitude, 1_000_000))ms"
        }
        let hours = magnitude / 3_600_000_000_000
        let minutes = magnitude / 60_000_000_000 % 60
        let seconds = fraction(magnitude % 60_000_000_000, 1_000_000_000) + "s"
        if hours > 0 { return "\(sign)\(hours)h\(minutes)m\(seconds)" }
        if minutes > 0 { return "\(sign)\(minutes)m\(seconds)" }
        return sign + seconds
    }
}
