import JSON
import Testing
import YAML

@Suite("emitting YAML")
struct EmitterTests {
    @Test func layoutMatchesKubectl() {
        let value: JSONValue = [
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": ["name": "web", "labels": ["app": "web"], "annotations": [:]],
            "spec": [
                "containers": [
                    ["name": "a", "args": ["--x", "y"], "ports": [["containerPort": 80]]],
                    ["name": "b", "env": []],
                ],
                "matrix": [[1, 2], [], [[3]]],
                "ratio": 0.5,
                "enabled": true,
                "nothing": nil,
            ],
        ]
        #expect(YAML.emit(value) == """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels:
                app: web
              annotations: {}
            spec:
              containers:
              - name: a
                args:
                - --x
                - "y"
                ports:
                - containerPort: 80
              - name: b
                env: []
              matrix:
              - - 1
                - 2
              - []
              - - - 3
              ratio: 0.5
              enabled: true
              nothing: null

            """)
    }

    @Test func scalarsAndEmptyCollectionsAtTheRoot() {
        #expect(YAML.emit("hello") == "hello\n")
        #expect(YAML.emit(42) == "42\n")
        #expect(YAML.emit(nil) == "null\n")
        #expect(YAML.emit([:]) == "{}\n")
        #expect(YAML.emit([]) == "[]\n")
        #expect(YAML.emit(["a", 1]) == "- a\n- 1\n")
        #expect(YAML.emit(.double(.infinity)) == ".inf\n")
        #expect(YAML.emit(.double(-.infinity)) == "-.inf\n")
        #expect(YAML.emit(.double(.nan)) == ".nan\n")
        #expect(YAML.emit(.double(1e-7)) == "1e-07\n")
    }

    @Test func multiDocumentEmit() {
        #expect(YAML.emitAll([["a": 1], ["b": [2]], "x"]) == "a: 1\n---\nb:\n- 2\n---\nx\n")
        #expect(YAML.emitAll([]) == "")
    }

    /// (string, how it is written)
    static let quotingTable: [(String, String)] = [
        ("plain", "plain"), ("with space", "with space"), ("nginx:1.27", "nginx:1.27"), ("a,b[c]{d}", "a,b[c]{d}"),
        ("k:{\"type\":\"Ready\"}", "k:{\"type\":\"Ready\"}"), ("日本語", "日本語"), ("1.2.3", "1.2.3"),
        ("yes", "\"yes\""), ("on", "\"on\""), ("y", "\"y\""), ("No", "\"No\""), ("True", "\"True\""),
        ("null", "\"null\""), ("~", "\"~\""), ("", "\"\""), ("1e3", "\"1e3\""), ("0123", "\"0123\""),
        ("0x1F", "\"0x1F\""), ("1_000", "\"1_000\""), (".inf", "\".inf\""), ("1e400", "\"1e400\""),
        ("1:30", "\"1:30\""), ("2026-11-22T07:42:34Z", "\"2026-11-22T07:42:34Z\""), ("2001-12-14", "\"2001-12-14\""),
        ("<<", "\"<<\""), ("=", "\"=\""), ("- item", "\"- item\""), ("-", "\"-\""), ("-x", "-x"), ("--port=80", "--port=80"),
        ("--- x", "\"--- x\""), ("---", "\"---\""), ("-1", "\"-1\""), ("*ref", "\"*ref\""),
        ("&anchor", "\"&anchor\""), ("!tag", "\"!tag\""), ("%dir", "\"%dir\""), ("@at", "\"@at\""),
        ("`cmd`", "\"`cmd`\""), ("#c", "\"#c\""), ("|", "\"|\""), (">", "\">\""), ("'q'", "\"'q'\""),
        ("\"q\"", "\"\\\"q\\\"\""), ("? x", "\"? x\""), ("a: b", "\"a: b\""), ("a #b", "\"a #b\""),
        ("a#b", "a#b"), ("ends:", "\"ends:\""), (" lead", "\" lead\""), ("trail ", "\"trail \""),
        ("... x", "\"... x\""), ("tab\there", "\"tab\\there\""), ("bell\u{07}", "\"bell\\a\""),
        ("nul\u{0}", "\"nul\\0\""), ("bom\u{FEFF}", "\"bom\\uFEFF\""), ("back\\slash", "back\\slash"),
        ("cr\r\nlf", "\"cr\\r\\nlf\""), ("nel\u{85}", "\"nel\\N\""), ("ls\u{2028}", "\"ls\\L\""),
    ]

    @Test("strings are quoted exactly when needed", arguments: quotingTable)
    func quoting(string: String, written: String) throws {
        let text = YAML.emit(["k": .string(string)])
        #expect(text == "k: \(written)\n")
        #expect(try YAML.parse(text) == ["k": .string(string)])
    }

    @Test func keysAreQuotedLikeValues() throws {
        let value: JSONValue = ["yes": 1, "1": 2, "": 3, "a: b": 4, "multi\nline": 5, "<<": 6, "plain": 7]
        let text = YAML.emit(value)
        #expect(text == "\"yes\": 1\n\"1\": 2\n\"\": 3\n\"a: b\": 4\n\"multi\\nline\": 5\n\"<<\": 6\nplain: 7\n")
        #expect(strictlyEqual(try YAML.parse(text), value))
    }

    @Test func multiLineStringsUseLiteralBlocks() throws {
        let value: JSONValue = [
            "clip": "line 1\nline 2\n",
            "strip": "line 1\nline 2",
            "keep": "line 1\n\n\n",
            "indented": "  starts with spaces\nnext\n",
            "blank lines": "a\n\nb\n",
            "list": ["x\ny", ["deep": "p\nq"]],
        ]
        let text = YAML.emit(value)
        #expect(text == """
            clip: |
              line 1
              line 2
            strip: |-
              line 1
              line 2
            keep: |+
              line 1


            indented: |2
                starts with spaces
              next
            blank lines: |
              a

              b
            list:
            - |-
              x
              y
            - deep: |-
                p
                q

            """)
        #expect(strictlyEqual(try YAML.parse(text), value))
    }

    @Test func multiLineStringsThatALiteralCannotHoldAreDoubleQuoted() throws {
        for s in ["trailing space \nx", "x\ny ", "\n", "\n\n", "a\r\nb", "ctl\u{01}\nx"] {
            let text = YAML.emit(["k": .string(s)])
            #expect(text.hasPrefix("k: \""), "\(s.debugDescription) -> \(text)")
            #expect(try YAML.parse(text) == ["k": .string(s)])
        }
    }

    @Test func veryLongKeysUseExplicitKeySyntax() throws {
        let key = String(repeating: "k", count: 1500)
        let value: JSONValue = [key: ["a": 1], "short": [.string(key)]]
        let text = YAML.emit(value)
        #expect(text.hasPrefix("? " + key + "\n:\n  a: 1\n"))
        #expect(strictlyEqual(try YAML.parse(text), value))
    }

    /// The API server's own YAML (Accept: application/yaml, recorded in
    /// 10-crd-and-protocol-details.md #16) is reproduced byte for byte.
    @Test func reproducesTheAPIServersYAML() throws {
        let text = Self.serverYAML
        #expect(YAML.emit(try YAML.parse(text)) == text)
    }

    static let serverYAML = """
        apiVersion: demo.example.com/v1
        kind: Widget
        metadata:
          creationTimestamp: "2026-11-22T07:42:34Z"
          generation: 1
          labels:
            app: demo
          managedFields:
          - apiVersion: demo.example.com/v1
            fieldsType: FieldsV1
            fieldsV1:
              f:metadata:
                f:labels:
                  .: {}
                  f:app: {}
              f:spec:
                .: {}
                f:color: {}
                f:size: {}
            manager: demo-client
            operation: Update
            time: "2026-11-22T07:42:34Z"
          - apiVersion: demo.example.com/v1
            fieldsType: FieldsV1
            fieldsV1:
              f:status:
                .: {}
                f:conditions:
                  .: {}
                  k:{"type":"Ready"}:
                    .: {}
                    f:lastTransitionTime: {}
                    f:message: {}
                    f:reason: {}
                    f:status: {}
                    f:type: {}
                f:observedGeneration: {}
            manager: demo-client
            operation: Update
            subresource: status
            time: "2026-11-22T07:42:34Z"
          name: alpha
          namespace: kt-proto
          resourceVersion: "2826"
          uid: a08dfd35-8d42-4887-a7ee-54a13487b96c
        spec:
          color: red
          size: 2
        status:
          conditions:
          - lastTransitionTime: "2026-11-22T07:42:34Z"
            message: ok
            reason: Reconciled
            status: "True"
            type: Ready
          observedGeneration: 1

        """
}
