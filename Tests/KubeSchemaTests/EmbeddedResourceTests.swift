import JSON
import KubeSchema
import Testing

/// `x-kubernetes-embedded-resource` values: apiVersion/kind required, metadata validated.
@Suite struct EmbeddedResourceTests {
    let schema: StructuralSchema

    init() throws {
        schema = try Fixtures.schema("""
        {"type": "object", "properties": {"spec": {"type": "object", "properties": {
          "template": {"type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true},
          "list": {"type": "array", "items": {"type": "object", "x-kubernetes-embedded-resource": true,
                   "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"}}}}
        }}}}
        """)
    }

    func errors(_ template: String) throws -> [String] {
        schema.validate(try Fixtures.json(#"{"spec": {"template": \#(template)}}"#)).map(\.description)
    }

    @Test func validEmbeddedObject() throws {
        #expect(try errors(#"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "labels": {"app": "web"}}}"#).isEmpty)
        #expect(try errors(#"{"apiVersion": "v1", "kind": "ConfigMap"}"#).isEmpty)
    }

    @Test func apiVersionAndKindAreRequired() throws {
        #expect(try errors("{}") == ["spec.template.apiVersion: Required value", "spec.template.kind: Required value"])
        #expect(try errors(#"{"apiVersion": "a/b/c", "kind": "my_kind"}"#) == [
            #"spec.template.apiVersion: Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c"#,
            #"spec.template.kind: Invalid value: "my_kind": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"#,
        ])
        #expect(try errors(#"{"apiVersion": 1, "kind": ""}"#) == [
            "spec.template.apiVersion: Invalid value: 1: must be a string",
            #"spec.template.kind: Invalid value: "": must not be empty"#,
        ])
    }

    @Test func metadataIsValidated() throws {
        #expect(try errors(#"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a/b", "namespace": "Bad_NS", "labels": {"ok": "-bad-"}}}"#) == [
            #"spec.template.metadata.name: Invalid value: "a/b": may not contain '/'"#,
            #"spec.template.metadata.namespace: Invalid value: "Bad_NS": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
            #"spec.template.metadata.labels[ok]: Invalid value: "-bad-": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#,
        ])
        #expect(try errors(#"{"apiVersion": "v1", "kind": "Pod", "metadata": {"annotations": {"bad key": "v"}}}"#).first?
                .hasPrefix(#"spec.template.metadata.annotations: Invalid value: "bad key": name part must consist of"#) == true)
    }

    @Test func embeddedItemsOfLists() throws {
        let errors = schema.validate(try Fixtures.json(#"{"spec": {"list": [{"apiVersion": "v1", "kind": "A"}, {"kind": "B"}]}}"#))
        #expect(errors.map(\.description) == ["spec.list[1].apiVersion: Required value"])
    }
}
