import Foundation

/// RFC 3339 time stamps as the API server writes them: `Time` with second
/// precision (`2026-11-22T07:40:17Z`) and `MicroTime` with exactly six
/// fractional digits (`2026-11-22T07:42:16.670325Z`).
enum Timestamps {
    static func time(_ date: Date) -> String {
        let (fields, _) = utc(date)
        return fields
    }

    static func microTime(_ date: Date) -> String {
        let (fields, micros) = utc(date)
        let frac = String(micros)
        return String(fields.dropLast()) + "." + String(repeating: "0", count: 6 - frac.count) + frac + "Z"
    }

    private static func utc(_ date: Date) -> (String, Int) {
        let interval = date.timeIntervalSince1970
        var seconds = Int(interval.rounded(.down))
        var micros = Int(((interval - Double(seconds)) * 1_000_000).rounded())
        if micros >= 1_000_000 { micros -= 1_000_000; seconds += 1 }
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ v: Int32, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        let text = "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))Z"
        return (text, micros)
    }

    /// Parses an RFC 3339 time (any fraction, `Z` or offset); nil when malformed.
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// Validates a `MicroTime` the way Go's strict layout does
    /// (`2006-01-02T15:04:05.000000Z07:00`) and normalises it to UTC.
    /// Returns the Go parse error text on failure.
    static func normalizeMicroTime(_ text: String) -> Result<String, MicroTimeError> {
        let bytes = Array(text.utf8)
        // "YYYY-MM-DDTHH:MM:SS" is 19 bytes; then exactly ".dddddd", then Z or ±hh:mm.
        guard bytes.count >= 20 else { return .failure(MicroTimeError(text: text, rest: String(text.dropFirst(min(19, text.count))))) }
        let restStart = 19
        let rest = String(decoding: bytes[restStart...], as: UTF8.self)
        var ok = bytes[restStart] == UInt8(ascii: ".") && bytes.count >= restStart + 8
        if ok {
            for i in (restStart + 1)...(restStart + 6) where !(bytes[i] >= 48 && bytes[i] <= 57) { ok = false }
            if ok, bytes.count > restStart + 7, bytes[restStart + 7] >= 48 && bytes[restStart + 7] <= 57 { ok = false }
        }
        guard ok else { return .failure(MicroTimeError(text: text, rest: rest)) }
        // Keep the six digits as written: Foundation's parser rounds fractions to milliseconds.
        let digits = String(decoding: bytes[(restStart + 1)...(restStart + 6)], as: UTF8.self)
        let whole = String(decoding: bytes[..<restStart] + bytes[(restStart + 7)...], as: UTF8.self)
        guard let date = parse(whole) else { return .failure(MicroTimeError(text: text, rest: rest)) }
        return .success(String(time(date).dropLast()) + "." + digits + "Z")
    }

    struct MicroTimeError: Error {
        var text: String
        var rest: String
        var message: String {
            "parsing time \"\(text)\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \"\(rest)\" as \".000000\""
        }
    }

    /// `kubectl`'s relative ages (`k8s.io/apimachinery/pkg/util/duration.HumanDuration`).
    static func humanDuration(_ seconds: Double) -> String {
        let secs = Int(seconds.rounded(.down))
        if secs < -1 { return "<invalid>" }
        if secs < 0 { return "0s" }
        if secs < 120 { return "\(secs)s" }
        let minutes = secs / 60
        if minutes < 10 {
            let s = secs % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        }
        if minutes < 180 { return "\(minutes)m" }
        let hours = secs / 3600
        if hours < 8 {
            let m = minutes % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let h = hours % 24
            return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let dy = (hours / 24) % 365
            return dy == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(dy)d"
        }
        return "\(hours / 24 / 365)y"
    }
}
