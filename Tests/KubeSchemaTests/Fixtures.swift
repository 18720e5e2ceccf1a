import JSON
import KubeSchema
import Testing

/// Shared test data: the Widget CRD recorded in kube-api-transcripts/02-crud.md and helpers.
enum Fixtures {
    static func json(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        do {
            return try JSONValue(parsing: text)
        } catch {
            Issue.record("fixture is not JSON: \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    static let widgetSchemaText = """
    {
      "type": "object",
      "properties": {
        "spec": {
          "type": "object",
          "required": ["size"],
          "properties": {
            "size": {"type": "integer", "minimum": 1},
            "color": {"type": "string", "enum": ["red", "blue"]}
          },
          "x-kubernetes-validations": [{"rule": "self.size <= 10", "message": "size must be at most 10"}]
        },
        "status": {
          "type": "object",
          "properties": {
            "observedGeneration": {"type": "integer", "format": "int64"},
            "conditions": {
              "type": "array",
              "x-kubernetes-list-type": "map",
              "x-kubernetes-list-map-keys": ["type"],
              "items": {
                "type": "object",
                "required": ["type", "status"],
                "properties": {
                  "type": {"type": "string"},
                  "status": {"type": "string", "enum": ["True", "False", "Unknown"]},
                  "reason": {"type": "string"},
                  "message": {"type": "string"},
                  "lastTransitionTime": {"type": "string", "format": "date-time"},
                  "observedGeneration": {"type": "integer", "format": "int64"}
                }
              }
            }
          }
        }
      }
    }
    """

    static var widgetCRDText: String {
        """
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": {"name": "widgets.demo.example.com"},
          "spec": {
            "group": "demo.example.com",
            "scope": "Namespaced",
            "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList", "shortNames": ["wd"]},
            "versions": [
              {
                "name": "v1",
                "served": true,
                "storage": true,
                "subresources": {"status": {}},
                "additionalPrinterColumns": [
                  {"name": "Size", "type": "integer", "jsonPath": ".spec.size"},
                  {"name": "Color", "type": "string", "jsonPath": ".spec.color"},
                  {"name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\\"Ready\\")].status"},
                  {"name": "Observed-Gen", "type": "integer", "jsonPath": ".status.observedGeneration", "priority": 1,
                   "description": "generation last processed by the controller"},
                  {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}
                ],
                "schema": {"openAPIV3Schema": \(widgetSchemaText)}
              }
            ]
          }
        }
        """
    }

    static func widgetSchema() throws -> StructuralSchema {
        try StructuralSchema(openAPIV3Schema: json(widgetSchemaText))
    }

    static func widget(spec: String, status: String? = nil) throws -> JSONValue {
        var text = """
        {"apiVersion": "demo.example.com/v1", "kind": "Widget", "metadata": {"name": "w", "namespace": "kt-crud"}, "spec": \(spec)
        """
        if let status { text += ", \"status\": \(status)" }
        return try json(text + "}")
    }

    /// A schema built from inline JSON, failing the test when it is refused.
    static func schema(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> StructuralSchema {
        do {
            return try StructuralSchema(openAPIV3Schema: json(text, sourceLocation: sourceLocation))
        } catch let error as SchemaError {
            Issue.record("schema refused: \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// The violations reported for a schema (empty when accepted).
    static func schemaErrors(_ text: String) throws -> [String] {
        do {
            _ = try StructuralSchema(openAPIV3Schema: json(text))
            return []
        } catch let error as SchemaError {
            return error.errors.map(\.description)
        }
    }
}
