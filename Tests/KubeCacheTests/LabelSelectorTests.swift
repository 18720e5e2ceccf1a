import KubeCache
import Testing

@Suite
struct LabelSelectorTests {
    /// The objects of transcript 06 (`kt-list`), by name.
    static let objects: [String: [String: String]] = [
        "a": ["tier": "frontend", "env": "prod"],
        "b": ["tier": "frontend", "env": "dev", "canary": "true"],
        "c": ["tier": "backend", "env": "prod"],
        "d": ["tier": "backend", "env": "staging"],
        "e": ["env": "dev"],
    ]

    /// Every selector form, with the answer the real API server gave.
    @Test(arguments: [
        ("tier=frontend", ["a", "b"]),
        ("tier==frontend", ["a", "b"]),
        ("tier!=frontend", ["c", "d", "e"]),
        ("env in (prod,staging)", ["a", "c", "d"]),
        ("env notin (prod)", ["b", "d", "e"]),
        ("canary", ["b"]),
        ("!canary", ["a", "c", "d", "e"]),
        ("tier=backend,env=prod", ["c"]),
        ("tier notin (frontend),!canary", ["c", "d", "e"]),
        ("", ["a", "b", "c", "d", "e"]),
        ("  env in ( prod , staging ) , tier = backend ", ["c", "d"]),
    ])
    func matchesLikeTheAPIServer(selector: String, expected: [String]) throws {
        let parsed = try LabelSelector(parsing: selector)
        let matched = Self.objects.filter { parsed.matches($0.value) }.keys.sorted()
        #expect(matched == expected)
    }

    @Test func parsesEachFormIntoRequirements() throws {
        let selector = try LabelSelector(parsing: "a=1,b==2,c!=3,d in (x,y),e notin (z),f,!g,h>4,i<5")
        #expect(selector.requirements == [
            .init(key: "a", op: .equals, values: ["1"]),
            .init(key: "b", op: .equals, values: ["2"]),
            .init(key: "c", op: .notEquals, values: ["3"]),
            .init(key: "d", op: .in, values: ["x", "y"]),
            .init(key: "e", op: .notIn, values: ["z"]),
            .init(key: "f", op: .exists),
            .init(key: "g", op: .doesNotExist),
            .init(key: "h", op: .greaterThan, values: ["4"]),
            .init(key: "i", op: .lessThan, values: ["5"]),
        ])
        #expect(try LabelSelector(parsing: selector.description) == selector)
    }

    @Test func prefixedKeysAndEmptyValues() throws {
        let selector = try LabelSelector(parsing: "app.kubernetes.io/name=kai,empty=")
        #expect(selector.matches(["app.kubernetes.io/name": "kai", "empty": ""]))
        #expect(!selector.matches(["app.kubernetes.io/name": "kai"]))
    }

    @Test func integerComparisons() throws {
        let selector = try LabelSelector(parsing: "replicas>2,replicas<5")
        #expect(selector.matches(["replicas": "3"]))
        #expect(!selector.matches(["replicas": "5"]))
        #expect(!selector.matches(["replicas": "many"]))
        #expect(!selector.matches([:]))
    }

    @Test func matchLabelsRequiresEveryPair() {
        let selector = LabelSelector(matchLabels: ["tier": "backend", "env": "prod"])
        #expect(selector.description == "env=prod,tier=backend")
        #expect(selector.matches(["tier": "backend", "env": "prod", "x": "y"]))
        #expect(!selector.matches(["tier": "backend"]))
        #expect(LabelSelector.everything.matches([:]))
        #expect(LabelSelector.everything.isEmpty)
    }

    @Test(arguments: [
        ("env in prod", 7, "expected '(' after 'in', found 'prod'"),
        ("env in ()", 8, "'in' needs at least one value, found ')'"),
        ("env in (a b)", 10, "expected ',' or ')' in the value list, found 'b'"),
        ("a=b,", 4, "expected a requirement after ','"),
        ("=b", 0, "expected a label key or '!', found '='"),
        ("a b", 2, "expected one of = == != in notin > < after key 'a', found 'b'"),
        ("a=b c", 4, "expected ',' or end of selector, found 'c'"),
        ("!", 1, "expected a label key after '!', found end of selector"),
        ("a=(", 2, "expected a value after '=', found '('"),
        ("a>x", 2, "'>' needs an integer value, found 'x'"),
        ("-a=b", 0, "label key '-a': the name part must be 1-63 characters of [A-Za-z0-9-_.], starting and ending with a letter or digit"),
        ("Example.COM/a=b", 0, "label key prefix 'Example.COM' must be a lowercase DNS subdomain (at most 253 characters)"),
        ("a/b/c", 0, "label key 'a/b/c' has more than one '/'"),
        ("a=b-", 2, "label value 'b-' must be at most 63 characters of [A-Za-z0-9-_.], starting and ending with a letter or digit"),
    ])
    func rejectsBadSyntaxWithPositionAndReason(selector: String, position: Int, message: String) {
        #expect {
            try LabelSelector(parsing: selector)
        } throws: { error in
            guard let error = error as? LabelSelectorError else { return false }
            return error.position == position && error.message == message && error.selector == selector
        }
    }

    @Test func errorDescriptionNamesTheSelector() {
        do {
            _ = try LabelSelector(parsing: "env in prod")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "invalid label selector \"env in prod\" at position 7: expected '(' after 'in', found 'prod'")
        }
    }
}
