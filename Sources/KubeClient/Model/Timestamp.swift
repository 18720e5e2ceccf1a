public import Foundation

/// RFC 3339 times as Kubernetes writes them: `Time` with seconds
/// (`2026-11-22T07:40:17Z`) and `MicroTime` with exactly six fractional digits
/// (`2026-11-22T07:40:17.123456Z`), which the API server insists on.
public enum Timestamp {
    /// `metav1.Time`: whole seconds, UTC.
    public static func format(_ date: Date) -> String {
        let c = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// `metav1.MicroTime`: exactly six fractional digits, UTC.
    public static func formatMicro(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        var micros = Int(((date.timeIntervalSince1970 - seconds) * 1_000_000).rounded())
        var whole = Date(timeIntervalSince1970: seconds)
        if micros >= 1_000_000 { micros -= 1_000_000; whole = whole.addingTimeInterval(1) }
        let base = format(whole).dropLast()
        return base + "." + String(format: "%06d", micros) + "Z"
    }

    /// Parses RFC 3339 with or without fractional seconds and with any offset.
    public static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let d = plain.date(from: text) { return d }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = fractional.date(from: text) { return d }
        // ISO8601DateFormatter accepts only up to 3 fractional digits on some platforms.
        if let dot = text.firstIndex(of: "."), let end = text[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
            let digits = text[text.index(after: dot)..<end]
            guard let base = plain.date(from: String(text[..<dot]) + String(text[end...])),
                  let frac = Double("0." + digits) else { return nil }
            return base.addingTimeInterval(frac)
        }
        return nil
    }

    private static let utcCalendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}
