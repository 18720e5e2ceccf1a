public import Foundation

/// A Kubernetes resource quantity (`500m`, `4Gi`, `1e3`, `10`), parsed to its exact value.
///
/// The renderer uses it to refuse a value the API server would refuse, with the field's path,
/// and to compare a rendered quantity with the one the server stored: the server rewrites
/// quantities to their canonical form (`2000m` is stored as `2`), which must not look like
/// someone else's edit.
public struct DevSessionQuantity: Sendable, Equatable, Comparable, CustomStringConvertible {
    /// The value in base units (cores, bytes).
    public let value: Decimal
    /// The text it was parsed from.
    public let text: String

    /// Parses `text`; nil when it is not a quantity.
    public init?(_ text: String) {
        guard let value = Self.parse(text) else { return nil }
        self.value = value
        self.text = text
    }

    public var description: String { text }

    public static func < (lhs: DevSessionQuantity, rhs: DevSessionQuantity) -> Bool { lhs.value < rhs.value }
    public static func == (lhs: DevSessionQuantity, rhs: DevSessionQuantity) -> Bool { lhs.value == rhs.value }

    /// The grammar of `resource.ParseQuantity`: sign, digits with at most one `.`, then a binary
    /// suffix (`Ki`..`Ei`), a decimal suffix (`n`, `u`, `m`, ``, `k`, `M`..`E`) or an exponent.
    static func parse(_ text: String) -> Decimal? {
        var rest = Substring(text)
        var negative = false
        if let first = rest.first, first == "+" || first == "-" {
            negative = first == "-"
            rest = rest.dropFirst()
        }
        let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1, number.contains(where: \.isNumber),
              let mantissa = Decimal(string: String(number), locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        let suffix = rest.dropFirst(number.count)
        guard let scale = multiplier(String(suffix)) else { return nil }
        let value = mantissa * scale
        return negative ? -value : value
    }

    static func multiplier(_ suffix: String) -> Decimal? {
        switch suffix {
        case "": return 1
        case "Ki": return power(2, 10)
        case "Mi": return power(2, 20)
        case "Gi": return power(2, 30)
        case "Ti": return power(2, 40)
        case "Pi": return power(2, 50)
        case "Ei": return power(2, 60)
        case "n": return Decimal(sign: .plus, exponent: -9, significand: 1)
        case "u": return Decimal(sign: .plus, exponent: -6, significand: 1)
        case "m": return Decimal(sign: .plus, exponent: -3, significand: 1)
        case "k": return Decimal(sign: .plus, exponent: 3, significand: 1)
        case "M": return Decimal(sign: .plus, exponent: 6, significand: 1)
        case "G": return Decimal(sign: .plus, exponent: 9, significand: 1)
        case "T": return Decimal(sign: .plus, exponent: 12, significand: 1)
        case "P": return Decimal(sign: .plus, exponent: 15, significand: 1)
        case "E": return Decimal(sign: .plus, exponent: 18, significand: 1)
        default:
            // An exponent: e3, E-2, e+6.
            guard let marker = suffix.first, marker == "e" || marker == "E" else { return nil }
            var digits = Substring(suffix.dropFirst())
            var sign = 1
            if let first = digits.first, first == "+" || first == "-" {
                sign = first == "-" ? -1 : 1
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let exponent = Int(digits),
                  exponent <= 64 else { return nil }
            return Decimal(sign: .plus, exponent: sign * exponent, significand: 1)
        }
    }

    static func power(_ base: Int, _ exponent: Int) -> Decimal {
        var result: Decimal = 1
        for _ in 0..<exponent { result *= Decimal(base) }
        return result
    }
}
