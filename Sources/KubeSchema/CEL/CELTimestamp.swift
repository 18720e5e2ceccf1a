/// `google.protobuf.Timestamp`: seconds since the Unix epoch plus nanoseconds, limited to
/// years 0001–9999 like CEL.
struct CELTimestamp: Sendable, Equatable, Comparable {
    var seconds: Int64
    var nanos: Int32

    static let minSeconds: Int64 = -62_135_596_800   // 0001-01-01T00:00:00Z
    static let maxSeconds: Int64 = 253_402_300_799   // 9999-12-31T23:59:59Z

    static func < (a: CELTimestamp, b: CELTimestamp) -> Bool {
        a.seconds == b.seconds ? a.nanos < b.nanos : a.seconds < b.seconds
    }

    var isInRange: Bool { seconds >= Self.minSeconds && seconds <= Self.maxSeconds }

    /// Parses RFC 3339 (`2024-01-02T03:04:05.123Z`, `...+02:00`) like Go's `time.RFC3339`.
    static func parse(_ text: String) -> CELTimestamp? {
        let c = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= c.count else { return nil }
            var v: Int64 = 0
            for b in c[from..<(from + count)] {
                guard b >= 48 && b <= 57 else { return nil }
                v = v * 10 + Int64(b - 48)
            }
            return v
        }
        guard c.count >= 20, let year = num(0, 4), c[4] == 45, let month = num(5, 2), c[7] == 45, let day = num(8, 2),
              c[10] == 84 || c[10] == 116, let hour = num(11, 2), c[13] == 58, let minute = num(14, 2), c[16] == 58,
              let second = num(17, 2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60, second < 60 else {
            return nil
        }
        var i = 19
        var nanos: Int64 = 0
        if i < c.count, c[i] == 46 {
            i += 1
            var digits = 0
            while i < c.count, c[i] >= 48, c[i] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int64(c[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            if digits < 9 { for _ in digits..<9 { nanos *= 10 } }
        }
        guard i < c.count else { return nil }
        var offset: Int64 = 0
        if c[i] == 90 || c[i] == 122 {
            i += 1
        } else if c[i] == 43 || c[i] == 45 {
            guard let oh = num(i + 1, 2), c.count > i + 3, c[i + 3] == 58, let om = num(i + 4, 2), oh < 24, om < 60 else { return nil }
            offset = (oh * 3600 + om * 60) * (c[i] == 45 ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == c.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let ts = CELTimestamp(seconds: days * 86400 + hour * 3600 + minute * 60 + second - offset, nanos: Int32(nanos))
        return ts
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The broken-down time at a UTC offset in seconds.
    func components(offset: Int64 = 0) -> (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64, dayOfWeek: Int64, dayOfYear: Int64) {
        let local = seconds + offset
        let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let rest = local - days * 86400
        let (y, m, d) = Self.civil(fromDays: days)
        let dow = ((days % 7) + 11) % 7   // 1970-01-01 was a Thursday (4)
        let doy = days - Self.daysFromCivil(year: y, month: 1, day: 1)
        return (y, m, d, rest / 3600, (rest % 3600) / 60, rest % 60, dow, doy)
    }

    /// Go's `time.RFC3339Nano` in UTC (trailing zeros of the fraction dropped).
    var rfc3339: String {
        let c = components()
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var out = "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
        if nanos > 0 {
            var fraction = pad(Int64(nanos), 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            out += "." + fraction
        }
        return out + "Z"
    }
}

/// Text forms of CEL numbers and durations as cel-go produces them.
enum CELFormat {
    /// `string(double)`: Go's `strconv.FormatFloat(d, 'g', -1, 64)`.
    static func double(_ d: Double) -> String { GoFormat.float(d) }

    /// `string(duration)`: seconds in shortest fixed notation with an `s` suffix (`90s`, `1.5s`).
    static func duration(_ nanos: Int64) -> String {
        let sign = nanos < 0 ? "-" : ""
        let magnitude = nanos.magnitude
        let whole = magnitude / 1_000_000_000
        var fraction = String(magnitude % 1_000_000_000)
        if fraction != "0" {
            fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return "\(sign)\(whole).\(fraction)s"
        }
        return "\(sign)\(whole)s"
    }

    /// Go's `time.ParseDuration` (`1h30m`, `1.5s`, `300ms`, `-2us`), in nanoseconds.
    static func parseDuration(_ text: String) -> Int64? {
        var s = Substring(text)
        var negative = false
        if let first = s.first, first == "-" || first == "+" {
            negative = first == "-"
            s = s.dropFirst()
        }
        if s == "0" { return 0 }
        guard !s.isEmpty else { return nil }
        let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6),
                                         ("s", 1e9), ("m", 60e9), ("h", 3600e9)]
        var total = 0.0
        while !s.isEmpty {
            var number = ""
            while let c = s.first, c.isASCII, c.isNumber || c == "." {
                number.append(c)
                s = s.dropFirst()
            }
            guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
            var unitText = ""
            while let c = s.first, !(c.isASCII && (c.isNumber || c == ".")) {
                unitText.append(c)
                s = s.dropFirst()
            }
            guard let unit = units.first(where: { $0.0 == unitText }) else { return nil }
            total += value * unit.1
        }
        guard total <= 9.223372036854775807e18 else { return nil }
        let nanos = Int64(total.rounded())
        return negative ? -nanos : nanos
    }
}
