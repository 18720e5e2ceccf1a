import JSON
import Testing
import YAML

/// Anchors, aliases and `<<` merge keys. The merge expectations are what
/// kubectl (go-yaml v2) produced for the same documents.
@Suite("anchors, aliases and merge keys")
struct AnchorAndMergeTests {
    @Test func aliasesRepeatTheAnchoredValue() throws {
        let value = try YAML.parse("""
            base: &b {image: nginx, ports: [80, 443]}
            list: &l [a, b]
            name: &n web
            copy: *b
            again: *l
            who: *n
            """)
        #expect(value["copy"] == ["image": "nginx", "ports": [80, 443]])
        #expect(value["again"] == ["a", "b"])
        #expect(value["who"] == "web")
    }

    @Test func laterAnchorDefinitionsReplaceEarlierOnes() throws {
        let value = try YAML.parse("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")
        #expect(value == ["a": 1, "b": 1, "c": 2, "d": 2])
    }

    @Test func mergeKeyAddsTheAnchoredMapping() throws {
        let value = try YAML.parse("base: &b\n  a: 1\n  b: 2\nv:\n  <<: *b\n  b: 3\n  c: 4\n")
        #expect(strictlyEqual(try #require(value["v"]), ["a": 1, "b": 3, "c": 4]))
    }

    @Test func mergeListEarlierMapsWin() throws {
        let value = try YAML.parse("x1: &x1\n  a: 1\n  b: 1\nx2: &x2\n  b: 2\n  c: 2\nv:\n  <<: [*x1, *x2]\n  d: 3\n")
        #expect(value["v"] == ["a": 1, "b": 1, "c": 2, "d": 3])
    }

    @Test func mergeAfterExplicitKeysOverridesThemLikeGoYAMLv2() throws {
        // go-yaml v2 applies merges in document order (kubectl: {"a":1,"b":2}).
        #expect(try YAML.parse("base: &b\n  a: 1\n  b: 2\nv:\n  b: 3\n  <<: *b\n")["v"] == ["a": 1, "b": 2])
        // Two merges: the later one wins (kubectl: {"a":2}).
        #expect(try YAML.parse("b1: &b1\n  a: 1\nb2: &b2\n  a: 2\nv:\n  <<: *b1\n  <<: *b2\n")["v"] == ["a": 2])
    }

    @Test func explicitKeysMayOverrideMergedOnesButNotEachOther() throws {
        #expect(try YAML.parse("b: &b {a: 1, c: 1}\nv:\n  <<: *b\n  a: 2\n")["v"] == ["a": 2, "c": 1])
        let error = yamlError { _ = try YAML.parse("b: &b {a: 1}\nv:\n  a: 0\n  <<: *b\n  a: 2\n") }
        #expect(error == YAMLError(line: 5, column: 3, message: "mapping key \"a\" already defined at line 3, column 3"))
    }

    @Test func inlineAndNestedMerges() throws {
        #expect(try YAML.parse("v:\n  <<: {a: 1}\n  b: 2\n")["v"] == ["a": 1, "b": 2])
        #expect(try YAML.parse("v:\n  <<: [{x: 1}, {x: 2, z: 2}]\n")["v"] == ["x": 1, "z": 2])
        #expect(try YAML.parse("a: &a {x: 1}\nb: &b {<<: *a, z: 2}\nv:\n  <<: *b\n")["v"] == ["x": 1, "z": 2])
        #expect(try YAML.parse("a: &a {x: 1}\nv:\n  !!merge <<: *a\n")["v"] == ["x": 1])
    }

    @Test func quotedOrAliasedMergeKeyIsAnOrdinaryKey() throws {
        #expect(try YAML.parse("base: &b\n  a: 1\nv:\n  \"<<\": *b\n")["v"] == ["<<": ["a": 1]])
        #expect(try YAML.parse("k: &k <<\nb: &b {x: 1}\nv:\n  *k : *b\n")["v"] == ["<<": ["x": 1]])
    }

    @Test("merge values must be maps or inline lists of maps", arguments: [
        "v:\n  <<: 1\n",
        "v:\n  <<: ~\n",
        "a: &a {x: 1}\nv:\n  <<: [*a, 1]\n",
        // An alias to a list of maps is refused by go-yaml v2 too.
        "a: &a {x: 1}\ns: &s [*a]\nv:\n  <<: *s\n",
    ])
    func badMergeValue(document: String) {
        let error = yamlError { _ = try YAML.parse(document) }
        #expect(error?.message == "map merge requires map or sequence of maps as the value")
        #expect((error?.line ?? 0) > 0)
    }

    @Test func unknownAliasIsAnErrorAtTheAlias() {
        let error = yamlError { _ = try YAML.parse("a: 1\nv: *nope\n") }
        #expect(error == YAMLError(line: 2, column: 4, message: "unknown anchor 'nope' referenced"))
    }

    @Test func anchorContainingItselfIsRefused() {
        let error = yamlError { _ = try YAML.parse("v: &x [1, *x]\n") }
        #expect(error == YAMLError(line: 1, column: 11, message: "anchor 'x' value contains itself"))
    }

    @Test func anchorsDoNotCrossDocuments() {
        let error = yamlError { _ = try YAML.parseAll("a: &x 1\n---\nb: *x\n") }
        #expect(error?.message == "unknown anchor 'x' referenced")
        #expect(error?.line == 3)
    }

    /// The classic "billion laughs": 9^9 strings from a 1 KB document.
    static let billionLaughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """

    @Test func billionLaughsIsRefused() {
        // kubectl: "yaml: document contains excessive aliasing".
        let error = yamlError { _ = try YAML.parse(Self.billionLaughs) }
        let message = error?.message ?? ""
        #expect(message.hasPrefix("document contains excessive aliasing"))
        #expect(error?.line == 4)
    }

    @Test func moderateAliasingIsAllowed() throws {
        // 3 levels of 9: 729 strings, well within the budget.
        let value = try YAML.parse(Self.billionLaughs.split(separator: "\n").prefix(3).joined(separator: "\n"))
        let c = try #require(value["c"]?.arrayValue)
        #expect(c.count == 9)
        #expect(c.allSatisfy { $0.arrayValue?.count == 9 })
    }

    @Test func deepNestingIsRefusedNotCrashing() {
        for depth in [1_001, 20_000] {
            let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let error = yamlError { _ = try YAML.parse(text) }
            #expect(error == YAMLError(line: 1, column: 1_001, message: "document is nested deeper than 1000 levels"))
        }
        // A JSON-only spelling deep inside must not reach the (recursive) JSON parser either.
        let json = String(repeating: "[", count: 5_000) + #""\ud83d\ude00""# + String(repeating: "]", count: 5_000)
        #expect(yamlError { _ = try YAML.parse(json) } != nil)
    }
}
