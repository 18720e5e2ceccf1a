/// Recognises the timestamps go-yaml v2 accepts (its `allowedTimestampFormats`:
/// `2006-1-2T15:4:5.999999999Z07:00`, the same with `t`, `2006-1-2 15:4:5.999999999`
/// and `2006-1-2`), with Go's range checks.
///
/// kubectl keeps such values as the text they were written as, so this only
/// matters for `!!timestamp` tags and for quoting on output (go-yaml quotes
/// timestamp-like strings, and so does the emitter).
enum Timestamp {
    static func isValid(_ text: String) -> Bool {
        // Every format starts with a four-digit year and a dash.
        let utf8 = text.utf8
        guard utf8.count >= 8, utf8[utf8.index(utf8.startIndex, offsetBy: 4)] == UInt8(ascii: "-") else { return false }
        let s = Array(utf8)
        var i = 0
        guard let year = number(s, &i, min: 4, max: 4), expect(s, &i, "-"),
              let month = number(s, &i, min: 1, max: 2), expect(s, &i, "-"),
              let day = number(s, &i, min: 1, max: 2)
        else { return false }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return false }
        if i == s.count { return true }
        let separator = s[i]
        let zoned: Bool
        switch separator {
        case UInt8(ascii: "T"), UInt8(ascii: "t"): zoned = true
        case UInt8(ascii: " "): zoned = false
        default: return false
        }
        i += 1
        guard let hour = number(s, &i, min: 1, max: 2), expect(s, &i, ":"),
              let minute = number(s, &i, min: 1, max: 2), expect(s, &i, ":"),
              let second = number(s, &i, min: 1, max: 2),
              hour < 24, minute < 60, second < 60
        else { return false }
        // Optional fraction: a period or comma followed by digits.
        if i + 1 < s.count, s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ","), isDigit(s[i + 1]) {
            i += 1
            while i < s.count, isDigit(s[i]) { i += 1 }
        }
        if !zoned { return i == s.count }
        if i < s.count, s[i] == UInt8(ascii: "Z") { return i + 1 == s.count }
        guard i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard let zh = number(s, &i, min: 2, max: 2), expect(s, &i, ":"), let zm = number(s, &i, min: 2, max: 2),
              zh < 24, zm < 60
        else { return false }
        return i == s.count
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static func number(_ s: [UInt8], _ i: inout Int, min: Int, max: Int) -> Int? {
        var value = 0
        var count = 0
        while i < s.count, count < max, isDigit(s[i]) {
            value = value * 10 + Int(s[i] - UInt8(ascii: "0"))
            i += 1
            count += 1
        }
        return count >= min ? value : nil
    }

    private static func expect(_ s: [UInt8], _ i: inout Int, _ c: Unicode.Scalar) -> Bool {
        guard i < s.count, s[i] == UInt8(ascii: c) else { return false }
        i += 1
        return true
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
