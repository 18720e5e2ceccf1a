import Foundation

/// A `pattern` compiled with Go's RE2 semantics on top of `NSRegularExpression` (ICU).
///
/// The real server compiles patterns with Go's `regexp`. ICU accepts more and means some
/// classes differently, so the pattern is translated first: Perl constructs RE2 rejects
/// (lookaround, backreferences, atomic groups, possessive quantifiers, `\Z`, repeat counts
/// over 1000) are refused with Go's error text; `\d \w \s` (and negations) become their ASCII
/// RE2 meaning; `$` without `(?m)` means end of text (`\z`); `(?P<name>` becomes `(?<name>`;
/// a literal `[` or `&` inside a class is escaped because ICU would read a nested set.
/// Remaining differences: Unicode classes (`\pL`) follow ICU's tables, and `\b` uses ICU's
/// word characters.
final class GoRegex: Sendable {
    struct SyntaxError: Error, Sendable, Equatable {
        /// Go's wording, e.g. "error parsing regexp: invalid or unsupported Perl syntax: `(?=`".
        var message: String
    }

    let pattern: String
    // NSRegularExpression is immutable after creation and documented as thread-safe.
    private let regex: NSRegularExpression

    private init(pattern: String, regex: NSRegularExpression) {
        self.pattern = pattern
        self.regex = regex
    }

    static func compile(_ pattern: String) -> Result<GoRegex, SyntaxError> {
        let translated: String
        switch translate(pattern) {
        case .success(let text): translated = text
        case .failure(let error): return .failure(error)
        }
        do {
            let regex = try NSRegularExpression(pattern: translated, options: [])
            return .success(GoRegex(pattern: pattern, regex: regex))
        } catch {
            return .failure(SyntaxError(message: "error parsing regexp: invalid syntax: `\(pattern)`"))
        }
    }

    /// `regexp.MatchString`: whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }

    private static func failure(_ what: String, _ text: String) -> Result<String, SyntaxError> {
        .failure(SyntaxError(message: "error parsing regexp: \(what): `\(text)`"))
    }

    static func translate(_ pattern: String) -> Result<String, SyntaxError> {
        let chars = Array(pattern)
        let multiline = pattern.range(of: #"\(\?[a-zA-Z]*m"#, options: .regularExpression) != nil
        var out = ""
        var i = 0
        var inClass = false
        var classStart = 0
        var classPreviousIsSingle = false
        var depth = 0
        // Whether the last token was a repetition operator (a second one is an error in RE2).
        var previousWasQuantifier = false
        // Whether something a repetition operator can apply to precedes the current position.
        var hasOperand = false

        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                guard i + 1 < chars.count else { return failure("trailing backslash at end of expression", "") }
                let e = chars[i + 1]
                previousWasQuantifier = false
                hasOperand = true
                if e == "Q" {
                    // \Q...\E is literal text in both dialects.
                    var j = i + 2
                    var literal = ""
                    while j < chars.count, !(chars[j] == "\\" && j + 1 < chars.count && chars[j + 1] == "E") {
                        literal.append(chars[j])
                        j += 1
                    }
                    out += NSRegularExpression.escapedPattern(for: literal)
                    i = min(j + 2, chars.count)
                    continue
                }
                classPreviousIsSingle = !"dDwWsSpP".contains(e)
                switch e {
                case "1"..."9", "Z", "C", "G", "K", "R", "X", "h", "H", "V", "N", "g", "k":
                    return failure("invalid escape sequence", "\\\(e)")
                case "d": out += inClass ? "0-9" : "[0-9]"
                case "D": out += "[^0-9]"
                case "w": out += inClass ? "0-9A-Za-z_" : "[0-9A-Za-z_]"
                case "W": out += "[^0-9A-Za-z_]"
                case "s": out += inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]"
                case "S": out += "[^\\t\\n\\f\\r ]"
                case "p", "P":
                    // RE2 accepts a one-letter class without braces (`\pL`); ICU needs `\p{L}`.
                    if i + 2 < chars.count, chars[i + 2] != "{" {
                        out += "\\\(e){\(chars[i + 2])}"
                        i += 3
                        continue
                    }
                    out += "\\\(e)"
                default:
                    out += "\\\(e)"
                }
                i += 2
                continue
            }
            if inClass {
                if c == "-" {
                    // A range only between two single characters; elsewhere `-` is literal in Go,
                    // while ICU could read it as a set operator.
                    let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
                    if classPreviousIsSingle, let next, next != "]", next != "\\", next != "[" {
                        out.append("-")
                        out.append(next)
                        classPreviousIsSingle = false
                        i += 2
                        continue
                    }
                    out += "\\-"
                    classPreviousIsSingle = false
                    i += 1
                    continue
                }
                classPreviousIsSingle = true
                if c == "]" {
                    inClass = false
                    hasOperand = true
                    out.append("]")
                } else if c == "[" {
                    if i + 1 < chars.count, chars[i + 1] == ":",
                       let close = findPosixClassEnd(chars, from: i + 2) {
                        out += String(chars[i...close])
                        i = close + 1
                        continue
                    }
                    out += "\\["
                } else if c == "&" {
                    out += "\\&"
                } else {
                    out.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "[":
                inClass = true
                classStart = i
                out.append("[")
                i += 1
                if i < chars.count, chars[i] == "^" { out.append("^"); i += 1 }
                // A `]` right after `[` or `[^` is a literal.
                classPreviousIsSingle = false
                if i < chars.count, chars[i] == "]" { out += "\\]"; i += 1; classPreviousIsSingle = true }
                previousWasQuantifier = false
                continue
            case "(":
                depth += 1
                previousWasQuantifier = false
                hasOperand = false
                if i + 1 < chars.count, chars[i + 1] == "?" {
                    let rest = String(chars[i...].prefix(4))
                    for refused in ["(?<=", "(?<!", "(?=", "(?!", "(?>", "(?#"] where rest.hasPrefix(refused) {
                        return failure("invalid or unsupported Perl syntax", refused)
                    }
                    if rest.hasPrefix("(?P<") {
                        out += "(?<"
                        i += 4
                        continue
                    }
                    // Group flags or a named group: copied as they are.
                    out += "(?"
                    i += 2
                    continue
                }
                out.append(c)
                i += 1
                continue
            case ")":
                guard depth > 0 else { return failure("unexpected )", pattern) }
                depth -= 1
                out.append(c)
                previousWasQuantifier = false
                hasOperand = true
                i += 1
                continue
            case "|", "^":
                out.append(c)
                previousWasQuantifier = false
                hasOperand = false
                i += 1
                continue
            case "$":
                out += multiline ? "$" : "\\z"
                previousWasQuantifier = false
                hasOperand = false
                i += 1
                continue
            case "*", "+", "?":
                if previousWasQuantifier {
                    if c == "?" {
                        // A lazy quantifier (`*?`) is valid in both.
                        out.append(c)
                        previousWasQuantifier = false
                        i += 1
                        continue
                    }
                    return failure("invalid nested repetition operator", String(chars[i - 1]) + String(c))
                }
                if !hasOperand { return failure("missing argument to repetition operator", String(c)) }
                out.append(c)
                previousWasQuantifier = true
                i += 1
                continue
            case "{":
                if let close = chars[i...].firstIndex(of: "}"),
                   let counts = repeatCounts(String(chars[(i + 1)..<close])) {
                    let text = String(chars[i...close])
                    if counts.contains(where: { $0 > 1000 }) || (counts.count == 2 && counts[0] > counts[1]) {
                        return failure("invalid repeat count", text)
                    }
                    if previousWasQuantifier { return failure("invalid nested repetition operator", text) }
                    if !hasOperand { return failure("missing argument to repetition operator", text) }
                    out += text
                    i = close + 1
                    previousWasQuantifier = true
                    continue
                }
                // Not a repeat: Go reads `{` literally, ICU needs it escaped.
                out += "\\{"
            case "}":
                out += "\\}"
            default:
                out.append(c)
            }
            previousWasQuantifier = false
            hasOperand = true
            i += 1
        }
        if inClass {
            return failure("missing closing ]", String(chars[classStart...]))
        }
        if depth > 0 {
            return failure("missing closing )", pattern)
        }
        return .success(out)
    }

    private static func findPosixClassEnd(_ chars: [Character], from start: Int) -> Int? {
        var j = start
        while j + 1 < chars.count {
            if chars[j] == ":" && chars[j + 1] == "]" { return j + 1 }
            if !chars[j].isLetter && chars[j] != "^" { return nil }
            j += 1
        }
        return nil
    }

    /// The numbers of `{n}`, `{n,}` or `{n,m}`, or nil when the braces are not a repeat.
    private static func repeatCounts(_ body: String) -> [Int]? {
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let first = Int(parts[0]) else { return nil }
        if parts.count == 1 { return [first] }
        if parts[1].isEmpty { return [first] }
        guard let second = Int(parts[1]) else { return nil }
        return [first, second]
    }
}
