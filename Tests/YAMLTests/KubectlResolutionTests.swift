import JSON
import Testing
import YAML

/// Plain-scalar resolution, map-key conversion and tag handling, checked
/// against the real kubectl on the development machine (client v1.32.4, i.e.
/// sigs.k8s.io/yaml on go-yaml v2). kubectl's client side needs no cluster
/// for this:
///
///     printf 'apiVersion: x.io/v1\nkind: Probe\nmetadata:\n  name: x\nv:\n  x: 0o17\n' |
///       kubectl annotate --local -f - -o json --kubeconfig /dev/null k=v
///
/// (`kubectl create --dry-run=client` needs a server for the REST mapping,
/// and `--validate=false` does not avoid that; `annotate --local` decodes
/// the same way, through YAML -> JSON -> unstructured.)
@Suite("kubectl scalar resolution")
struct KubectlResolutionTests {
    /// (plain scalar as written, what kubectl produced)
    static let table: [(String, JSONValue)] = [
        // Booleans: exactly go-yaml v2's spellings, no other case mixes.
        ("yes", .bool(true)), ("Yes", .bool(true)), ("YES", .bool(true)), ("yES", .string("yES")),
        ("y", .bool(true)), ("Y", .bool(true)), ("n", .bool(false)), ("N", .bool(false)),
        ("no", .bool(false)), ("No", .bool(false)), ("NO", .bool(false)),
        ("on", .bool(true)), ("On", .bool(true)), ("ON", .bool(true)), ("oN", .string("oN")),
        ("off", .bool(false)), ("Off", .bool(false)), ("OFF", .bool(false)),
        ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)), ("tRUE", .string("tRUE")),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)),
        // Nulls.
        ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null), ("nULL", .string("nULL")), ("", .null),
        // Floats that are whole numbers come out of kubectl as integers.
        ("1e3", .int(1000)), ("1E3", .int(1000)), ("1.5e3", .int(1500)), ("1e+3", .int(1000)),
        ("1.0", .int(1)), ("1.", .int(1)), ("0.", .int(0)), ("12e03", .int(12000)), ("1.0e+3", .int(1000)),
        ("1_0e2", .int(1000)), (".5e3", .int(500)), ("-.5e2", .int(-50)),
        (".5", .double(0.5)), ("+.5", .double(0.5)), ("-.5", .double(-0.5)), (".5_0", .double(0.5)),
        ("1_0.5", .double(10.5)), ("1.5_0", .double(1.5)), ("1_000.5", .double(1000.5)), ("0.1_0", .double(0.1)),
        ("1e-7", .double(1e-7)), ("0.1", .double(0.1)), ("3.14159", .double(3.14159)), ("0.000001", .double(0.000001)),
        ("4.9e-324", .double(.leastNonzeroMagnitude)), ("1e-400", .int(0)), ("1e308", .double(1e308)),
        // Above int64 a float stays a float (kubectl prints 100000000000000000000).
        ("1e19", .double(1e19)), ("1e20", .double(1e20)), ("1e21", .double(1e21)),
        ("100000000000000000000000", .double(1e23)), ("777777777777777777777", .double(7.777777777777778e20)),
        // Integers: signs, prefixes, leading-zero octal, underscores anywhere.
        ("0", .int(0)), ("-0", .int(0)), ("00", .int(0)), ("0.0", .int(0)), ("-0.0", .int(0)),
        ("+1", .int(1)), ("-1", .int(-1)), ("0x1F", .int(31)), ("0X1F", .int(31)), ("+0x1F", .int(31)),
        ("-0x1F", .int(-31)), ("0x_1F", .int(31)), ("0o17", .int(15)), ("0O17", .int(15)), ("0o_17", .int(15)),
        ("-0o17", .int(-15)), ("017", .int(15)), ("-017", .int(-15)), ("+017", .int(15)),
        ("08", .int(8)), ("09", .int(9)), ("0777777777777777777777", .int(Int64.max)),
        ("0b101", .int(5)), ("0B11", .int(3)), ("+0b11", .int(3)), ("-0b101", .int(-5)), ("0b_101", .int(5)),
        ("0b-101", .int(-5)), ("0b+101", .int(5)),
        ("1_000", .int(1000)), ("1__0", .int(10)), ("1_", .int(1)),
        ("9223372036854775807", .int(Int64.max)), ("-9223372036854775808", .int(Int64.min)),
        ("-0x8000000000000000", .int(Int64.min)),
        // Unsigned values above int64 reach kubectl's output as floats.
        ("9223372036854775808", .double(9_223_372_036_854_775_808)),
        ("0x8000000000000000", .double(9_223_372_036_854_775_808)),
        ("18446744073709551615", .double(Double(UInt64.max))),
        ("0xFFFFFFFFFFFFFFFF", .double(Double(UInt64.max))),
        ("18446744073709551616", .double(18_446_744_073_709_551_616)),
        // Strings that look numeric but are not to go-yaml v2.
        ("1:30", .string("1:30")), ("190:20:30", .string("190:20:30")), ("2001-12-14", .string("2001-12-14")),
        ("1e400", .string("1e400")), ("2e308", .string("2e308")), ("-2e308", .string("-2e308")),
        ("_1", .string("_1")), ("0x", .string("0x")), ("0o", .string("0o")), ("0b", .string("0b")),
        ("1e", .string("1e")), ("e3", .string("e3")), ("1.2.3", .string("1.2.3")), ("0o8", .string("0o8")),
        ("0b2", .string("0b2")), ("0o-17", .string("0o-17")), ("-0b-101", .string("-0b-101")),
        ("0x1p3", .string("0x1p3")), ("0x1f.5", .string("0x1f.5")), ("00x1", .string("00x1")),
        ("-0x8000000000000001", .string("-0x8000000000000001")),
        ("._", .string("._")), ("._5", .string("._5")), (".e3", .string(".e3")),
        ("+", .string("+")), (".", .string(".")), ("=", .string("=")), ("<<", .string("<<")),
        // Quoted scalars are always strings.
        ("\"0123\"", .string("0123")), ("'yes'", .string("yes")), ("\"1e3\"", .string("1e3")),
        ("\"\"", .string("")), ("'~'", .string("~")), ("\"\\t\"", .string("\t")),
    ]

    @Test("plain scalars resolve as kubectl resolves them", arguments: table)
    func resolution(scalar: String, expected: JSONValue) throws {
        let value = try #require(try valueOfV(scalar))
        #expect(strictlyEqual(value, expected), "\(scalar) -> \(value), kubectl gave \(expected)")
    }

    /// go-yaml resolves these to ±Inf/NaN; kubectl then fails converting to
    /// JSON ("json: unsupported value: +Inf"). They are kept as doubles here.
    @Test func infinityAndNaN() throws {
        for s in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] {
            #expect(try valueOfV(s) == .double(.infinity), "\(s)")
        }
        for s in ["-.inf", "-.Inf", "-.INF"] {
            #expect(try valueOfV(s) == .double(-.infinity), "\(s)")
        }
        for s in [".nan", ".NaN", ".NAN"] {
            let value = try #require(try valueOfV(s))
            #expect(value.doubleValue?.isNaN == true, "\(s)")
        }
        #expect(try valueOfV(".iNf") == .string(".iNf"))
    }

    /// (key as written, key kubectl produced)
    static let keys: [(String, String)] = [
        ("1", "1"), ("-1", "-1"), ("+1", "1"), ("0x1F", "31"), ("9223372036854775807", "9223372036854775807"),
        ("1.5", "1.5"), ("1e3", "1000"), ("1e6", "1e+06"), ("1234567", "1234567"), ("1234567.0", "1.234567e+06"),
        ("0.1", "0.1"), ("3.14159265358979", "3.1415927"), ("1e20", "1e+20"), ("0.00001", "1e-05"),
        ("0.5e-10", "5e-11"), ("100.25", "100.25"), ("-0.0", "-0"), ("!!float 1", "1"),
        (".inf", ".inf"), ("-.inf", "-.inf"), (".nan", ".nan"),
        ("true", "true"), ("yes", "true"), ("off", "false"), ("\"1\"", "1"), ("!!str 1", "1"),
        ("!!binary aGVsbG8=", "hello"), ("2001-12-14", "2001-12-14"), ("\"<<\"", "<<"),
    ]

    @Test("map keys become strings as sigs.k8s.io/yaml converts them", arguments: keys)
    func keyConversion(key: String, expected: String) throws {
        let value = try YAML.parse("\(key): a\n")
        #expect(value.objectValue?.keys.elements == [expected])
    }

    @Test func flowAndAliasKeys() throws {
        #expect(try YAML.parse("{x: 1, y: 2}") == ["x": 1, "true": 2])
        #expect(try YAML.parse("k: &k 1e6\nv: {*k : a}\n")["v"] == ["1e+06": "a"])
    }

    @Test("keys kubectl refuses are refused", arguments: [
        ("~: a", "null"), ("null: a", "null"), ("? \n: a", "null"),
        ("18446744073709551615: a", "18446744073709551615"),
        ("[a]: x", "sequence"), ("{a: 1}: x", "mapping"),
    ])
    func refusedKeys(document: String, mentions: String) {
        let error = yamlError { _ = try YAML.parse(document) }
        #expect(error?.line == 1)
        #expect(error?.message.contains(mentions) == true, "\(String(describing: error))")
    }

    /// (tagged scalar, kubectl's value)
    static let tagged: [(String, JSONValue)] = [
        ("!!str 123", "123"), ("!!str", ""), ("!!int \"123\"", 123), ("!!bool \"yes\"", true),
        ("!!float 1", 1), ("!!float 0x10", 16), ("!!null \"\"", .null),
        ("!!int 18446744073709551615", .double(Double(UInt64.max))),
        ("!!timestamp 2001-12-14", "2001-12-14"),
        ("!!timestamp 2001-12-14T21:59:43.10-05:00", "2001-12-14T21:59:43.10-05:00"),
        ("!!binary aGVsbG8=", "hello"), ("!!binary \"aGVsbG9=\"", "hello"), ("!!binary |\n    aGVs\n    bG8=", "hello"),
        ("! 12", "12"), ("!foo bar", "bar"), ("!foo {a: 1}", ["a": 1]),
        ("!<tag:yaml.org,2002:int> \"7\"", 7),
    ]

    @Test("standard tags are honoured", arguments: tagged)
    func tags(scalar: String, expected: JSONValue) throws {
        let value = try #require(try valueOfV(scalar))
        #expect(strictlyEqual(value, expected), "\(scalar) -> \(value)")
    }

    /// (tagged scalar, kubectl's error message)
    static let badTags: [(String, String)] = [
        ("!!int abc", "cannot decode !!str `abc` as a !!int"),
        ("!!int 1.5", "cannot decode !!float `1.5` as a !!int"),
        ("!!bool 1", "cannot decode !!int `1` as a !!bool"),
        ("!!null abc", "cannot decode !!str `abc` as a !!null"),
        ("!!int", "cannot decode !!null `` as a !!int"),
        ("!!float 18446744073709551615", "cannot decode !!int `18446744073709551615` as a !!float"),
        ("!!timestamp 2001-02-30", "cannot decode !!str `2001-02-30` as a !!timestamp"),
        ("!!timestamp abc", "cannot decode !!str `abc` as a !!timestamp"),
        ("!!binary aGVsbG8", "!!binary value contains invalid base64 data"),
        ("!!binary \"%%%%\"", "!!binary value contains invalid base64 data"),
    ]

    @Test("impossible tags are errors with kubectl's message", arguments: badTags)
    func badTag(scalar: String, message: String) {
        let error = yamlError { _ = try valueOfV(scalar) }
        #expect(error?.message == message)
        #expect(error?.line == 1)
        #expect(error?.column == 4)
    }
}
