import Foundation
import JSON

/// Server-side printing (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`):
/// CRD printer columns evaluated by JSONPath, and the printers of the built-ins
/// this server serves.
struct TableRenderer: Sendable {
    let now: Date

    static let nameColumn = PrinterColumn(
        name: "Name", type: "string", format: "name",
        description: "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names")
    static let crdAgeColumn = PrinterColumn(
        name: "Age", type: "date", description: "Custom resource definition column (in JSONPath format): .metadata.creationTimestamp",
        jsonPath: ".metadata.creationTimestamp")
    static let ageColumn = PrinterColumn(
        name: "Age", type: "string",
        description: "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata")

    func columns(for type: ResourceType) -> [PrinterColumn] {
        if type.isCustom {
            return [Self.nameColumn] + (type.printerColumns.isEmpty ? [Self.crdAgeColumn] : type.printerColumns)
        }
        return [Self.nameColumn] + builtinColumns(type).map(\.column)
    }

    /// The table of `objects` (served form). `includeObject`: `None`, `Metadata` (default) or `Object`.
    func table(type: ResourceType, objects: [JSONValue], resourceVersion: String, includeObject: String,
               withColumns: Bool = true, continueToken: String? = nil, remaining: Int? = nil) -> JSONValue {
        var metadata: JSONValue = ["resourceVersion": .string(resourceVersion)]
        if let continueToken, !continueToken.isEmpty { metadata["continue"] = .string(continueToken) }
        if let remaining { metadata["remainingItemCount"] = .int(Int64(remaining)) }
        let columnDefinitions: JSONValue = withColumns ? .array(columns(for: type).map { c in
            ["name": .string(c.name), "type": .string(c.type), "format": .string(c.format),
             "description": .string(c.description), "priority": .int(Int64(c.priority))]
        }) : .null
        let rows: [JSONValue] = objects.map { object in
            var row: JSONValue = ["cells": .array(cells(type: type, object: object))]
            switch includeObject {
            case "None": row["object"] = .null
            case "Object": row["object"] = object
            default: row["object"] = Self.partialMetadata(object)
            }
            return row
        }
        return ["kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": metadata,
                "columnDefinitions": columnDefinitions, "rows": .array(rows)]
    }

    static func partialMetadata(_ object: JSONValue) -> JSONValue {
        ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
         "metadata": Ordering.metadata(object["metadata"] ?? [:])]
    }

    func cells(type: ResourceType, object: JSONValue) -> [JSONValue] {
        let name = JSONValue.string(object[path: "metadata", "name"]?.stringValue ?? "")
        if type.isCustom {
            let cols = type.printerColumns.isEmpty ? [Self.crdAgeColumn] : type.printerColumns
            return [name] + cols.map { customCell($0, object) }
        }
        return [name] + builtinColumns(type).map { $0.cell(object) }
    }

    private func customCell(_ column: PrinterColumn, _ object: JSONValue) -> JSONValue {
        guard let path = column.jsonPath, let value = JSONPath(path).evaluate(object).first else { return .null }
        switch column.type {
        case "integer": return value.intValue.map { .int($0) } ?? .null
        case "number": return value.doubleValue.map { .double($0) } ?? .null
        case "boolean": return value.boolValue.map { .bool($0) } ?? .null
        case "date": return value.stringValue.flatMap(age) .map { .string($0) } ?? .null
        default: return .string(JSONPath.text(value))
        }
    }

    func age(_ timestamp: String) -> String? {
        Timestamps.parse(timestamp).map { Timestamps.humanDuration(now.timeIntervalSince($0)) }
    }

    private func ageCell(_ object: JSONValue) -> JSONValue {
        .string(object[path: "metadata", "creationTimestamp"]?.stringValue.flatMap(age) ?? "<unknown>")
    }

    struct BuiltinColumn {
        var column: PrinterColumn
        var cell: (JSONValue) -> JSONValue
    }

    private func col(_ name: String, _ type: String = "string", priority: Int = 0, _ description: String = "",
                     _ cell: @escaping (JSONValue) -> JSONValue) -> BuiltinColumn {
        BuiltinColumn(column: PrinterColumn(name: name, type: type, description: description, priority: priority), cell: cell)
    }

    private func str(_ v: JSONValue?) -> String { v.map(JSONPath.text) ?? "" }

    // swiftlint:disable:next function_body_length
    private func builtinColumns(_ type: ResourceType) -> [BuiltinColumn] {
        let age = BuiltinColumn(column: Self.ageColumn, cell: ageCell)
        switch (type.group, type.resource) {
        case ("", "namespaces"):
            return [col("Status", "string", "The status of the namespace") { .string(self.str($0[path: "status", "phase"])) }, age]
        case ("", "configmaps"):
            return [col("Data", "string", "Data contains the configuration data.") { o in
                .int(Int64((o["data"]?.objectValue?.count ?? 0) + (o["binaryData"]?.objectValue?.count ?? 0)))
            }, age]
        case ("", "secrets"):
            return [col("Type", "string", "The type of the secret") { .string(self.str($0["type"])) },
                    col("Data", "string", "The number of entries in the data") { .int(Int64($0["data"]?.objectValue?.count ?? 0)) }, age]
        case ("", "services"):
            return [
                col("Type", "string", "The type of service") { .string(self.str($0[path: "spec", "type"])) },
                col("Cluster-IP", "string", "The cluster ip") { .string(self.str($0[path: "spec", "clusterIP"]).isEmpty ? "<none>" : self.str($0[path: "spec", "clusterIP"])) },
                col("External-IP", "string", "The external ip") { o in
                    let ips = (o[path: "status", "loadBalancer", "ingress"]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue ?? $0["hostname"]?.stringValue }
                    return .string(ips.isEmpty ? (o[path: "spec", "type"]?.stringValue == "LoadBalancer" ? "<pending>" : "<none>") : ips.joined(separator: ","))
                },
                col("Port(s)", "string", "The ports") { o in
                    let ports = (o[path: "spec", "ports"]?.arrayValue ?? []).map { p -> String in
                        let base = "\(p["port"]?.intValue ?? 0)"
                        let node = p["nodePort"]?.intValue.map { ":\($0)" } ?? ""
                        return base + node + "/" + (p["protocol"]?.stringValue ?? "TCP")
                    }
                    return .string(ports.isEmpty ? "<none>" : ports.joined(separator: ","))
                },
                age,
                col("Selector", priority: 1, "The selector") { o in
                    let pairs = (o[path: "spec", "selector"]?.objectValue ?? [:]).map { "\($0.key)=\(self.str($0.value))" }.sorted()
                    return .string(pairs.isEmpty ? "<none>" : pairs.joined(separator: ","))
                },
            ]
        case ("apps", "deployments"):
            return [
                col("Ready", "string", "Number of the pod with ready state") { o in
                    .string("\(o[path: "status", "readyReplicas"]?.intValue ?? 0)/\(o[path: "spec", "replicas"]?.intValue ?? 0)")
                },
                col("Up-to-date", "integer", "Total number of non-terminated pods targeted by this deployment that have the desired template spec.") {
                    .int($0[path: "status", "updatedReplicas"]?.intValue ?? 0)
                },
                col("Available", "integer", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.") {
                    .int($0[path: "status", "availableReplicas"]?.intValue ?? 0)
                },
                age,
                col("Containers", priority: 1, "Names of each container in the template.") { o in
                    .string((o[path: "spec", "template", "spec", "containers"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }.joined(separator: ","))
                },
                col("Images", priority: 1, "Images referenced by each container in the template.") { o in
                    .string((o[path: "spec", "template", "spec", "containers"]?.arrayValue ?? []).compactMap { $0["image"]?.stringValue }.joined(separator: ","))
                },
                col("Selector", priority: 1, "Label selector for pods.") { o in
                    let pairs = (o[path: "spec", "selector", "matchLabels"]?.objectValue ?? [:]).map { "\($0.key)=\(self.str($0.value))" }.sorted()
                    return .string(pairs.joined(separator: ","))
                },
            ]
        case ("", "events"), ("events.k8s.io", "events"):
            let core: (JSONValue) -> JSONValue = { $0["involvedObject"] != nil || $0["regarding"] == nil ? $0 : EventConversion.toCore($0) }
            return [
                col("Last Seen", "string", "Time when last event occurred") { o in
                    let e = core(o)
                    let ts = e["lastTimestamp"]?.stringValue ?? e["eventTime"]?.stringValue ?? e[path: "metadata", "creationTimestamp"]?.stringValue
                    return .string(ts.flatMap(self.age) ?? "<unknown>")
                },
                col("Type", "string", "Type of the event") { .string(self.str(core($0)["type"])) },
                col("Reason", "string", "Reason of the event") { .string(self.str(core($0)["reason"])) },
                col("Object", "string", "The object this event is about") { o in
                    let inv = core(o)["involvedObject"] ?? .null
                    return .string("\(self.str(inv["kind"]).lowercased())/\(self.str(inv["name"]))")
                },
                col("Subobject", priority: 1, "Subobject of the object") { .string(self.str(core($0)[path: "involvedObject", "fieldPath"])) },
                col("Source", priority: 1, "Component that reported the event") { o in
                    let e = core(o)
                    let component = self.str(e[path: "source", "component"]).isEmpty ? self.str(e["reportingComponent"]) : self.str(e[path: "source", "component"])
                    return .string(component)
                },
                col("Message", "string", "Human readable description") { .string(self.str(core($0)["message"])) },
                col("First Seen", priority: 1, "Time when first event occurred") { o in
                    let e = core(o)
                    let ts = e["firstTimestamp"]?.stringValue ?? e["eventTime"]?.stringValue
                    return .string(ts.flatMap(self.age) ?? "<unknown>")
                },
                col("Count", priority: 1, "Number of occurrences") { .string(String(core($0)["count"]?.intValue ?? 1)) },
                col("Name", priority: 1, "Name of the event") { .string(self.str($0[path: "metadata", "name"])) },
            ]
        case ("", "persistentvolumeclaims"):
            return [
                col("Status", "string", "The phase") { .string(self.str($0[path: "status", "phase"])) },
                col("Volume", "string", "The bound volume") { .string(self.str($0[path: "spec", "volumeName"])) },
                col("Capacity", "string", "Capacity") { .string(self.str($0[path: "status", "capacity", "storage"])) },
                col("Access Modes", "string", "Access modes") { o in
                    let modes = (o[path: "status", "accessModes"]?.arrayValue ?? []).compactMap(\.stringValue).map { m -> String in
                        switch m { case "ReadWriteOnce": return "RWO"; case "ReadOnlyMany": return "ROX"; case "ReadWriteMany": return "RWX"; case "ReadWriteOncePod": return "RWOP"; default: return m }
                    }
                    return .string(modes.joined(separator: ","))
                },
                col("StorageClass", "string", "The storage class") { .string(self.str($0[path: "spec", "storageClassName"])) },
                col("VolumeAttributesClass", "string", "The volume attributes class") { .string(self.str($0[path: "spec", "volumeAttributesClassName"]).isEmpty ? "<unset>" : self.str($0[path: "spec", "volumeAttributesClassName"])) },
                age,
                col("VolumeMode", priority: 1, "The volume mode") { .string(self.str($0[path: "spec", "volumeMode"])) },
            ]
        case ("coordination.k8s.io", "leases"):
            return [col("Holder", "string", "The holder") { .string(self.str($0[path: "spec", "holderIdentity"])) }, age]
        case ("apiextensions.k8s.io", "customresourcedefinitions"):
            return [col("Created At", "date", "The creation time") { .string(self.str($0[path: "metadata", "creationTimestamp"])) }]
        case ("networking.k8s.io", "ingresses"):
            return [
                col("Class", "string", "The ingress class") { o in .string(self.str(o[path: "spec", "ingressClassName"]).isEmpty ? "<none>" : self.str(o[path: "spec", "ingressClassName"])) },
                col("Hosts", "string", "Hosts") { o in
                    let hosts = (o[path: "spec", "rules"]?.arrayValue ?? []).compactMap { $0["host"]?.stringValue }
                    return .string(hosts.isEmpty ? "*" : hosts.joined(separator: ","))
                },
                col("Address", "string", "Address") { o in
                    .string((o[path: "status", "loadBalancer", "ingress"]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue ?? $0["hostname"]?.stringValue }.joined(separator: ","))
                },
                col("Ports", "string", "Ports") { o in .string((o[path: "spec", "tls"]?.arrayValue?.isEmpty ?? true) ? "80" : "80, 443") },
                age,
            ]
        case ("autoscaling", "horizontalpodautoscalers"):
            return [
                col("Reference", "string", "The scale target") { o in
                    .string("\(self.str(o[path: "spec", "scaleTargetRef", "kind"]))/\(self.str(o[path: "spec", "scaleTargetRef", "name"]))")
                },
                col("Targets", "string", "Metrics") { _ in .string("<unknown>") },
                col("MinPods", "string", "Minimum replicas") { .string(String($0[path: "spec", "minReplicas"]?.intValue ?? 1)) },
                col("MaxPods", "integer", "Maximum replicas") { .int($0[path: "spec", "maxReplicas"]?.intValue ?? 0) },
                col("Replicas", "integer", "Current replicas") { .int($0[path: "status", "currentReplicas"]?.intValue ?? 0) },
                age,
            ]
        case ("policy", "poddisruptionbudgets"):
            return [
                col("Min Available", "string", "Minimum available") { o in .string(o[path: "spec", "minAvailable"].map(JSONPath.text) ?? "N/A") },
                col("Max Unavailable", "string", "Maximum unavailable") { o in .string(o[path: "spec", "maxUnavailable"].map(JSONPath.text) ?? "N/A") },
                col("Allowed Disruptions", "integer", "Allowed disruptions") { .int($0[path: "status", "disruptionsAllowed"]?.intValue ?? 0) },
                age,
            ]
        case ("apps", "controllerrevisions"):
            return [
                col("Controller", "string", "The owning controller") { o in
                    let owner = (o[path: "metadata", "ownerReferences"]?.arrayValue ?? []).first { $0["controller"]?.boolValue == true }
                    guard let owner else { return .string("<none>") }
                    let group = ResourceRegistry.split(self.str(owner["apiVersion"])).group
                    return .string("\(self.str(owner["kind"]).lowercased())\(group.isEmpty ? "" : "." + group)/\(self.str(owner["name"]))")
                },
                col("Revision", "integer", "The revision") { .int($0["revision"]?.intValue ?? 0) },
                age,
            ]
        default:
            return [age]
        }
    }
}
