import Foundation
import JSON

/// Server-side defaulting and allocation of the built-in kinds (what the real
/// API server's defaulters and registry strategies add).
extension Cluster {
    func builtinDefaultsOnCreate(type: ResourceType, object: inout JSONValue) {
        guard !type.isCustom else { return }
        switch (type.group, type.resource) {
        case ("", "namespaces"):
            let name = object[path: "metadata", "name"]?.stringValue ?? ""
            object[path: "metadata", "labels", "kubernetes.io/metadata.name"] = .string(name)
            object["spec"] = ["finalizers": ["kubernetes"]]
            object["status"] = ["phase": "Active"]
        case ("", "services"):
            var spec = object["spec"] ?? [:]
            Self.defaultServiceSpec(&spec)
            let serviceType = spec["type"]?.stringValue ?? "ClusterIP"
            if serviceType != "ExternalName", spec["clusterIP"]?.stringValue != "None" {
                if let requested = spec["clusterIP"]?.stringValue, !requested.isEmpty {
                    spec["clusterIPs"] = [.string(requested)]
                    reserveServiceIP(requested)
                } else if let ip = allocateServiceIP() {
                    spec["clusterIP"] = .string(ip)
                    spec["clusterIPs"] = [.string(ip)]
                }
            } else if spec["clusterIP"]?.stringValue == "None" {
                spec["clusterIPs"] = ["None"]
            }
            object["spec"] = Self.ordered(spec, ["ports", "selector", "clusterIP", "clusterIPs", "type", "externalIPs",
                                                 "sessionAffinity", "loadBalancerIP", "externalName", "ipFamilies",
                                                 "ipFamilyPolicy", "internalTrafficPolicy"])
            object["status"] = ["loadBalancer": [:]]
        case ("apps", "deployments"):
            var spec = object["spec"] ?? [:]
            if spec["replicas"] == nil { spec["replicas"] = 1 }
            if spec["strategy"] == nil {
                spec["strategy"] = ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "25%", "maxSurge": "25%"]]
            } else if spec[path: "strategy", "type"]?.stringValue ?? "RollingUpdate" == "RollingUpdate" {
                if spec[path: "strategy", "type"] == nil { spec[path: "strategy", "type"] = "RollingUpdate" }
                if spec[path: "strategy", "rollingUpdate", "maxUnavailable"] == nil { spec[path: "strategy", "rollingUpdate", "maxUnavailable"] = "25%" }
                if spec[path: "strategy", "rollingUpdate", "maxSurge"] == nil { spec[path: "strategy", "rollingUpdate", "maxSurge"] = "25%" }
            }
            if spec["revisionHistoryLimit"] == nil { spec["revisionHistoryLimit"] = 10 }
            if spec["progressDeadlineSeconds"] == nil { spec["progressDeadlineSeconds"] = 600 }
            if var template = spec["template"] {
                Self.defaultPodTemplate(&template)
                spec["template"] = template
            }
            object["spec"] = Self.ordered(spec, ["replicas", "selector", "template", "strategy", "minReadySeconds",
                                                 "revisionHistoryLimit", "paused", "progressDeadlineSeconds"])
            object["status"] = [:]
        case ("", "persistentvolumeclaims"):
            if object[path: "spec", "volumeMode"] == nil { object[path: "spec", "volumeMode"] = "Filesystem" }
            object["status"] = ["phase": "Pending"]
        case ("networking.k8s.io", "ingresses"):
            object["status"] = ["loadBalancer": [:]]
        case ("policy", "poddisruptionbudgets"):
            object["status"] = ["disruptionsAllowed": 0, "currentHealthy": 0, "desiredHealthy": 0, "expectedPods": 0]
        case ("autoscaling", "horizontalpodautoscalers"):
            object["status"] = ["currentMetrics": .null, "desiredReplicas": 0]
        case ("", "secrets"):
            Self.foldStringData(&object)
            if object["type"] == nil { object["type"] = "Opaque" }
        case ("", "events"):
            object = EventConversion.normalizeCore(object)
        case ("apiextensions.k8s.io", "customresourcedefinitions"):
            if object[path: "spec", "conversion"] == nil { object[path: "spec", "conversion"] = ["strategy": "None"] }
            let storage = object[path: "spec", "versions"]?.arrayValue?.first { $0["storage"]?.boolValue == true }?["name"]
            object["status"] = ["conditions": .null, "acceptedNames": ["plural": "", "kind": ""],
                                "storedVersions": storage.map { [$0] } ?? []]
            if let spec = object["spec"] {
                object["spec"] = Self.ordered(spec, ["group", "names", "scope", "versions", "conversion", "preserveUnknownFields"])
            }
        default:
            if type.hasStatusSubresource && object["status"] == nil && type.group == "apps" { object["status"] = [:] }
        }
    }

    func builtinDefaultsOnUpdate(type: ResourceType, object: inout JSONValue, old: JSONValue) throws(APIError) {
        guard !type.isCustom else { return }
        switch (type.group, type.resource) {
        case ("", "namespaces"):
            let name = object[path: "metadata", "name"]?.stringValue ?? ""
            object[path: "metadata", "labels", "kubernetes.io/metadata.name"] = .string(name)
            object["spec"] = old["spec"]
        case ("", "services"):
            var spec = object["spec"] ?? [:]
            Self.defaultServiceSpec(&spec)
            let oldIP = old[path: "spec", "clusterIP"]
            if spec["clusterIP"] == nil || spec["clusterIP"]?.stringValue == "" { spec["clusterIP"] = oldIP }
            if spec["clusterIPs"] == nil { spec["clusterIPs"] = old[path: "spec", "clusterIPs"] }
            if let oldIP, spec["clusterIP"] != oldIP {
                throw APIError.invalid(type, name: object[path: "metadata", "name"]?.stringValue ?? "", errors: [
                    .invalid("spec.clusterIPs[0]", value: spec["clusterIP"] ?? .null, "may not change once set"),
                ])
            }
            object["spec"] = Self.ordered(spec, ["ports", "selector", "clusterIP", "clusterIPs", "type", "externalIPs",
                                                 "sessionAffinity", "loadBalancerIP", "externalName", "ipFamilies",
                                                 "ipFamilyPolicy", "internalTrafficPolicy"])
        case ("apps", "deployments"):
            if var template = object[path: "spec", "template"] {
                Self.defaultPodTemplate(&template)
                object[path: "spec", "template"] = template
            }
            if object[path: "spec", "replicas"] == nil { object[path: "spec", "replicas"] = 1 }
            for key in ["strategy", "revisionHistoryLimit", "progressDeadlineSeconds"] where object[path: "spec", key] == nil {
                object[path: "spec", key] = old[path: "spec", key]
            }
        case ("", "secrets"):
            Self.foldStringData(&object)
            if object["type"] == nil { object["type"] = old["type"] }
        case ("", "events"):
            object = EventConversion.normalizeCore(object)
        case ("apiextensions.k8s.io", "customresourcedefinitions"):
            if object[path: "spec", "conversion"] == nil { object[path: "spec", "conversion"] = ["strategy": "None"] }
        default:
            break
        }
    }

    func reserveServiceIP(_ ip: String) {
        let parts = ip.split(separator: ".").compactMap { UInt32($0) }
        guard parts.count == 4 else { return }
        allocatedServiceIPs.insert(parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3])
    }

    func releaseServiceIPs(of object: JSONValue) {
        for ip in object[path: "spec", "clusterIPs"]?.arrayValue ?? [] {
            if let s = ip.stringValue { releaseServiceIP(s) }
        }
    }

    static func defaultServiceSpec(_ spec: inout JSONValue) {
        if spec["type"] == nil { spec["type"] = "ClusterIP" }
        if spec["sessionAffinity"] == nil { spec["sessionAffinity"] = "None" }
        let serviceType = spec["type"]?.stringValue ?? "ClusterIP"
        if serviceType != "ExternalName" {
            if spec["ipFamilies"] == nil { spec["ipFamilies"] = ["IPv4"] }
            if spec["ipFamilyPolicy"] == nil { spec["ipFamilyPolicy"] = "SingleStack" }
            if spec["internalTrafficPolicy"] == nil { spec["internalTrafficPolicy"] = "Cluster" }
        }
        if let ports = spec["ports"]?.arrayValue {
            spec["ports"] = .array(ports.map { port in
                var p = port
                if p["protocol"] == nil { p["protocol"] = "TCP" }
                if p["targetPort"] == nil { p["targetPort"] = p["port"] }
                return ordered(p, ["name", "protocol", "appProtocol", "port", "targetPort", "nodePort"])
            })
        }
    }

    static func defaultPodTemplate(_ template: inout JSONValue) {
        var spec = template["spec"] ?? [:]
        for key in ["containers", "initContainers"] {
            guard let containers = spec[key]?.arrayValue else { continue }
            spec[key] = .array(containers.map(defaultContainer))
        }
        if spec["restartPolicy"] == nil { spec["restartPolicy"] = "Always" }
        if spec["terminationGracePeriodSeconds"] == nil { spec["terminationGracePeriodSeconds"] = 30 }
        if spec["dnsPolicy"] == nil { spec["dnsPolicy"] = "ClusterFirst" }
        if spec["securityContext"] == nil { spec["securityContext"] = [:] }
        if spec["schedulerName"] == nil { spec["schedulerName"] = "default-scheduler" }
        template["spec"] = spec
        if template["metadata"] == nil { template["metadata"] = [:] }
    }

    static func defaultContainer(_ container: JSONValue) -> JSONValue {
        var c = container
        if c["resources"] == nil { c["resources"] = [:] }
        if c["terminationMessagePath"] == nil { c["terminationMessagePath"] = "/dev/termination-log" }
        if c["terminationMessagePolicy"] == nil { c["terminationMessagePolicy"] = "File" }
        if c["imagePullPolicy"] == nil {
            let image = c["image"]?.stringValue ?? ""
            let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
            let tagged = lastComponent.contains(":") && !image.hasSuffix(":latest")
            c["imagePullPolicy"] = (tagged || image.contains("@")) ? "IfNotPresent" : "Always"
        }
        if let ports = c["ports"]?.arrayValue {
            c["ports"] = .array(ports.map { p in var q = p; if q["protocol"] == nil { q["protocol"] = "TCP" }; return q })
        }
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] where c[probe] != nil {
            for (key, value) in [("timeoutSeconds", 1), ("periodSeconds", 10), ("successThreshold", 1), ("failureThreshold", 3)]
            where c[path: probe, key] == nil {
                c[path: probe, key] = .int(Int64(value))
            }
        }
        return c
    }

    static func foldStringData(_ object: inout JSONValue) {
        guard let stringData = object["stringData"]?.objectValue else { return }
        for (k, v) in stringData {
            object[path: "data", k] = .string(Base64.encode(Array((v.stringValue ?? "").utf8)))
        }
        object["stringData"] = nil
    }

    /// Reorders known keys; unknown keys keep their place after them.
    static func ordered(_ value: JSONValue, _ order: [String]) -> JSONValue {
        guard case .object(let o) = value else { return value }
        var out: JSONValue = [:]
        for key in order { if let v = o[key] { out[key] = v } }
        for (k, v) in o where !order.contains(k) { out[k] = v }
        return out
    }
}
