import JSON

/// Validation of the built-in kinds the project relies on (the subset of the
/// real validators whose errors tests and the operator can run into).
enum Builtins {
    static func validate(type: ResourceType, object: JSONValue, old: JSONValue?) -> [FieldProblem] {
        guard !type.isCustom else { return [] }
        var problems: [FieldProblem] = []
        switch (type.group, type.resource) {
        case ("coordination.k8s.io", "leases"):
            if let duration = object[path: "spec", "leaseDurationSeconds"]?.intValue, duration <= 0 {
                problems.append(.invalid("spec.leaseDurationSeconds", value: .int(duration), "must be greater than 0"))
            }
        case ("events.k8s.io", "events"):
            if object["eventTime"] == nil || object["eventTime"]?.isNull == true {
                problems.append(.required("eventTime"))
            } else if object["reportingComponent"]?.stringValue?.isEmpty ?? true {
                problems.append(.required("reportingController"))
            } else if object["action"]?.stringValue?.isEmpty ?? true {
                problems.append(.required("action"))
            }
        case ("apps", "deployments"):
            let spec = object["spec"] ?? .null
            let containers = spec[path: "template", "spec", "containers"]?.arrayValue ?? []
            if containers.isEmpty { problems.append(.required("spec.template.spec.containers")) }
            for (i, c) in containers.enumerated() {
                if c["name"]?.stringValue?.isEmpty ?? true { problems.append(.required("spec.template.spec.containers[\(i)].name")) }
                if c["image"]?.stringValue?.isEmpty ?? true { problems.append(.required("spec.template.spec.containers[\(i)].image")) }
            }
            if let selector = spec["selector"] {
                let labels = LabelSelector.labels(of: ["metadata": spec[path: "template", "metadata"] ?? [:]])
                if !LabelSelector(object: selector).matches(labels) {
                    problems.append(.invalid("spec.template.metadata.labels", value: spec[path: "template", "metadata", "labels"] ?? .null,
                                             "`selector` does not match template `labels`"))
                }
            } else {
                problems.append(.required("spec.selector"))
            }
        case ("", "services"):
            let spec = object["spec"] ?? .null
            let serviceType = spec["type"]?.stringValue ?? "ClusterIP"
            if serviceType != "ExternalName", spec["clusterIP"]?.stringValue != "None",
               spec["ports"]?.arrayValue?.isEmpty ?? true {
                problems.append(.required("spec.ports"))
            }
        default:
            break
        }
        return problems
    }

    /// Namespaces are held by `spec.finalizers` (the namespace controller's `kubernetes`) too.
    static func hasPendingSpecFinalizers(_ object: JSONValue) -> Bool {
        object["kind"]?.stringValue == "Namespace" && !(object[path: "spec", "finalizers"]?.arrayValue?.isEmpty ?? true)
    }
}
