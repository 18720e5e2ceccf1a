import JSON
import Testing
import YAML

/// JSON is YAML: every JSON document must parse as YAML to the same value.
@Suite("JSON documents parse as YAML")
struct JSONCompatibilityTests {
    @Test("API server bodies from the transcripts", arguments: TranscriptFixtures.jsonBodies.indices)
    func transcriptBody(index: Int) throws {
        let (name, json) = TranscriptFixtures.jsonBodies[index]
        let expected = try JSONValue(parsing: json)
        let compact = expected.serialized()
        #expect(try YAML.parse(json) == expected, "\(name) (pretty)")
        #expect(try YAML.parse(compact) == expected, "\(name) (compact)")
    }

    static let handWritten: [String] = [
        #"{}"#, #"[]"#, #"null"#, #"true"#, #"-12"#, #"1.5e300"#, #""str""#,
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#,
        #"{"yes":"no","on":"off","y":"n","null":"~","1":"0123","1e3":"0x1F"}"#,
        #"{"escapes":"quote \" backslash \\ slash \/ tab \t nl \n cr \r bs \b ff \f uni \u00e9 \u2028 nul \u0000"}"#,
        #"{"emoji":"😀 \ud83d\ude00","cjk":"日本語","rtl":"שלום"}"#,
        #"{"nums":[0,-0,1e3,1E-3,0.5,-0.25,123456789012345678,9007199254740993,1.7976931348623157e308]}"#,
        #"{"nested":[[[[[]]]],{"a":{"b":{"c":{}}}}]}"#,
        ##"{"key with spaces":"v","key:colon":"v","- dash":"v","#hash":"v","":"empty key"}"##,
        #"{"a" : 1 , "b" :[ 1 , 2 ] }"#,
        "{\n\t\"tabs\":\t[1,\n\t2]\n}",
        #"[{"name":"x","value":"a: b # c"},{"name":"y","value":"- z"}]"#,
    ]

    @Test("hand-picked JSON documents", arguments: handWritten)
    func handWrittenDocument(json: String) throws {
        let expected = try JSONValue(parsing: json)
        #expect(try YAML.parse(json) == expected, "\(json)")
    }

    @Test func jsonThatLibyamlRefusesFallsBackToTheJSONParser() throws {
        // Surrogate-pair escapes and keys over 1024 characters are JSON but not libyaml's YAML.
        let longKey = String(repeating: "k", count: 2_000)
        #expect(try YAML.parse("{\"\(longKey)\": 1}") == [longKey: 1])
        #expect(try YAML.parseAll(#"["\ud83d\ude00"]"#) == [["😀"]])
        #expect(try YAML.parse(Array(#"{"e":"\ud83d\ude00"}"#.utf8)) == ["e": "😀"])
    }

    @Test func contentErrorsInJSONAreNotRetried() {
        // Syntactically fine, so the duplicate key is reported rather than passed to the JSON parser.
        let error = yamlError { _ = try YAML.parse(#"{"a": 1, "a": 2}"#) }
        #expect(error?.message == "mapping key \"a\" already defined at line 1, column 2")
        // Not JSON-shaped: the YAML error stands.
        #expect(yamlError { _ = try YAML.parse("a: \"\\ud83d\"") }?.message.contains("invalid Unicode character escape") == true)
    }

    @Test func generatedDocuments() throws {
        var rng = SeededGenerator(seed: 0x5EED)
        for i in 0..<60 {
            let value = RandomJSON.value(depth: 4, using: &rng)
            let compact = value.serialized()
            let pretty = value.prettyPrinted()
            #expect(try YAML.parse(compact) == value, "document \(i): \(compact)")
            #expect(try YAML.parse(pretty) == value, "document \(i) (pretty)")
        }
    }
}
