import JSON
import KubeSchema

/// The one place that talks to KubeSchema: a CRD version's structural schema
/// used to validate, default and prune custom resources.
struct ResourceSchema: Sendable {
    let structural: StructuralSchema
    let raw: JSONValue

    /// Builds from `openAPIV3Schema`; the error lists what makes the schema non-structural.
    init(openAPIV3Schema: JSONValue) throws(ResourceSchemaError) {
        raw = openAPIV3Schema
        do {
            structural = try StructuralSchema(openAPIV3Schema: openAPIV3Schema)
        } catch {
            throw ResourceSchemaError(problems: error.errors.map(ResourceSchema.problem))
        }
    }

    /// Schema errors in the server's order, then the CEL (`x-kubernetes-validations`) rule
    /// failures — or the `<nil>` cause when a schema error blocks them. Writes to `/status`
    /// validate status only (CEL rules still see the whole object).
    func validate(_ object: JSONValue, old: JSONValue?, subresource: String?) -> [FieldProblem] {
        let errors: [FieldError]
        if subresource == "status", let old {
            errors = structural.validateStatusUpdate(old: old, new: object)
        } else if let old {
            errors = structural.validateUpdate(old: old, new: object)
        } else {
            errors = structural.validate(object)
        }
        return errors.map(ResourceSchema.problem)
    }

    func applyDefaults(to object: inout JSONValue) { structural.applyDefaults(to: &object) }

    /// Removes unknown fields; returns their paths (`spec.shape`).
    func prune(_ object: inout JSONValue) -> [String] { structural.prune(&object) }

    static func problem(_ error: FieldError) -> FieldProblem {
        FieldProblem(reason: error.kind.rawValue, field: error.field, message: error.message)
    }
}

struct ResourceSchemaError: Error, Sendable {
    var problems: [FieldProblem]
}

/// CRD validation (names, versions, schemas) before a CRD is stored.
enum CRDChecks {
    static func validate(_ crd: JSONValue, old: JSONValue?) -> [FieldProblem] {
        let errors = old.map { CRDValidation.validateUpdate(old: $0, new: crd) } ?? CRDValidation.validate(crd)
        return errors.map(ResourceSchema.problem)
    }
}
