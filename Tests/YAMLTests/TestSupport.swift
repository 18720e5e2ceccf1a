import JSON
import YAML

/// Equality that, unlike `JSONValue.==`, tells integers from floating-point
/// numbers and respects key order: kubectl turns `1e3` into the integer 1000
/// and these tests pin that down.
func strictlyEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case let (.bool(x), .bool(y)): return x == y
    case let (.int(x), .int(y)): return x == y
    case let (.double(x), .double(y)): return x == y || (x.isNaN && y.isNaN)
    case let (.string(x), .string(y)): return x == y
    case let (.array(x), .array(y)):
        return x.count == y.count && zip(x, y).allSatisfy { strictlyEqual($0, $1) }
    case let (.object(x), .object(y)):
        return x.keys.elementsEqual(y.keys) && zip(x.values, y.values).allSatisfy { strictlyEqual($0, $1) }
    default: return false
    }
}

/// The value of `v` in a one-key document, the way the kubectl probes were written
/// (`kubectl annotate --local -f - -o json` on a document with `v: <scalar>`).
func valueOfV(_ scalar: String) throws -> JSONValue? {
    try YAML.parse("v: \(scalar)\n")["v"]
}

/// Runs `body` and returns the YAMLError it throws (nil if it does not throw one).
func yamlError(_ body: () throws -> Void) -> YAMLError? {
    do {
        try body()
        return nil
    } catch let error as YAMLError {
        return error
    } catch {
        return nil
    }
}
