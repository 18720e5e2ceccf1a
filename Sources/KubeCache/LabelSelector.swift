/// A parsed Kubernetes label selector: `tier=frontend,env in (prod,staging),!canary`.
///
/// The grammar is that of `k8s.io/apimachinery/pkg/labels` (what `?labelSelector=` accepts):
/// `a=b` and `a==b` (equal), `a!=b` (not equal, or no such label), `a in (x,y)`,
/// `a notin (x)` (or no such label), `a` (label present), `!a` (label absent),
/// `a>1` / `a<1` (integer comparison); a comma means AND. An empty selector matches everything.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    /// The comparison of one requirement.
    public enum Operator: String, Sendable, Hashable {
        case equals = "="
        case notEquals = "!="
        case `in` = "in"
        case notIn = "notin"
        case exists = "exists"
        case doesNotExist = "!"
        case greaterThan = ">"
        case lessThan = "<"
    }

    /// One comma-separated term.
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        /// The label key, e.g. `app.kubernetes.io/name`.
        public var key: String
        /// The comparison.
        public var op: Operator
        /// One value for `=`, `!=`, `>`, `<`; one or more for `in`/`notin`; none for existence.
        public var values: [String]

        /// A requirement; no validation (see ``LabelSelector/init(parsing:)`` for checked input).
        public init(key: String, op: Operator, values: [String] = []) {
            self.key = key
            self.op = op
            self.values = values
        }

        /// Whether a label set satisfies this requirement.
        public func matches(_ labels: [String: String]) -> Bool {
            switch op {
            case .equals, .in: return labels[key].map(values.contains) ?? false
            case .notEquals, .notIn: return labels[key].map { !values.contains($0) } ?? true
            case .exists: return labels[key] != nil
            case .doesNotExist: return labels[key] == nil
            case .greaterThan, .lessThan:
                guard let value = labels[key].flatMap({ Int64($0) }), let bound = values.first.flatMap({ Int64($0) }) else {
                    return false
                }
                return op == .greaterThan ? value > bound : value < bound
            }
        }

        public var description: String {
            switch op {
            case .equals, .notEquals, .greaterThan, .lessThan: return "\(key)\(op.rawValue)\(values.first ?? "")"
            case .in, .notIn: return "\(key) \(op.rawValue) (\(values.joined(separator: ",")))"
            case .exists: return key
            case .doesNotExist: return "!\(key)"
            }
        }
    }

    /// The requirements, all of which must hold.
    public var requirements: [Requirement]

    /// Matches every object.
    public static var everything: LabelSelector { LabelSelector(requirements: []) }

    /// A selector from requirements.
    public init(requirements: [Requirement]) { self.requirements = requirements }

    /// A selector that requires every given label to have the given value (`matchLabels`).
    public init(matchLabels: [String: String]) {
        requirements = matchLabels.sorted { $0.key < $1.key }.map { Requirement(key: $0.key, op: .equals, values: [$0.value]) }
    }

    /// True when the selector has no requirement (matches everything).
    public var isEmpty: Bool { requirements.isEmpty }

    /// Whether a label set satisfies every requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(labels) }
    }

    /// The selector in query-parameter syntax; parses back to an equal selector.
    public var description: String { requirements.map(\.description).joined(separator: ",") }
}
