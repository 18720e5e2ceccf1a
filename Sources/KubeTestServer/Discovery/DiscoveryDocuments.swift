import JSON

/// The discovery documents (legacy and aggregated) and the OpenAPI endpoints, built from the registry.
struct DiscoveryDocuments: Sendable {
    let registry: ResourceRegistry
    let serverAddress: String

    static let version: JSONValue = [
        "major": "1", "minor": "36", "emulationMajor": "1", "emulationMinor": "36",
        "minCompatibilityMajor": "1", "minCompatibilityMinor": "35",
        "gitVersion": "v1.36.0-kai-test-server", "gitCommit": "0000000000000000000000000000000000000000",
        "gitTreeState": "clean", "buildDate": "1970-01-01T00:00:00Z", "goVersion": "go1.27.3", "compiler": "gc",
        "platform": "linux/amd64",
    ]

    var coreVersions: JSONValue {
        ["kind": "APIVersions", "versions": ["v1"],
         "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]]]
    }

    private func groupEntry(_ group: String) -> JSONValue {
        let versions = registry.versions(of: group)
        let entries: [JSONValue] = versions.map { ["groupVersion": .string("\(group)/\($0)"), "version": .string($0)] }
        return ["name": .string(group), "versions": .array(entries), "preferredVersion": entries.first ?? .null]
    }

    var groupList: JSONValue {
        ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(registry.groups.map(groupEntry))]
    }

    func group(_ name: String) -> JSONValue? {
        guard registry.groups.contains(name) else { return nil }
        var entry = groupEntry(name)
        entry = ["kind": "APIGroup", "apiVersion": "v1", "name": entry["name"] ?? "", "versions": entry["versions"] ?? [],
                 "preferredVersion": entry["preferredVersion"] ?? .null]
        return entry
    }

    func types(group: String, version: String) -> [ResourceType] {
        registry.types.filter { $0.group == group && $0.version == version }
    }

    func resourceList(group: String, version: String) -> JSONValue? {
        let types = types(group: group, version: version)
        guard !types.isEmpty else { return nil }
        var resources: [JSONValue] = []
        for t in types.sorted(by: { $0.resource < $1.resource }) {
            var r: JSONValue = ["name": .string(t.resource), "singularName": .string(t.singular), "namespaced": .bool(t.namespaced),
                                "kind": .string(t.kind), "verbs": .array(t.verbs.map(JSONValue.string))]
            if !t.shortNames.isEmpty { r["shortNames"] = .array(t.shortNames.map(JSONValue.string)) }
            if !t.categories.isEmpty { r["categories"] = .array(t.categories.map(JSONValue.string)) }
            if !t.virtual { r["storageVersionHash"] = .string(t.storageVersionHash) }
            resources.append(r)
            for sub in t.subresources {
                var s: JSONValue = ["name": .string("\(t.resource)/\(sub.name)"), "singularName": "", "namespaced": .bool(t.namespaced)]
                if let g = sub.group { s["group"] = .string(g) }
                if let v = sub.version { s["version"] = .string(v) }
                s["kind"] = .string(sub.kind)
                s["verbs"] = .array(sub.verbs.map(JSONValue.string))
                resources.append(s)
            }
        }
        if group.isEmpty {
            return ["kind": "APIResourceList", "groupVersion": .string(version), "resources": .array(resources)]
        }
        return ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string("\(group)/\(version)"),
                "resources": .array(resources)]
    }

    /// `apidiscovery.k8s.io/v2` for `/apis` (all groups) or `/api` (the core group).
    func aggregated(core: Bool, apiVersion: String) -> JSONValue {
        let groups = core ? [""] : registry.groups
        let items: [JSONValue] = groups.map { group in
            let versions: [JSONValue] = (group.isEmpty ? ["v1"] : registry.versions(of: group)).map { version in
                let resources: [JSONValue] = types(group: group, version: version).sorted { $0.resource < $1.resource }.map { t in
                    let kindGroup = t.isCustom ? t.group : ""
                    let kindVersion = t.isCustom ? t.version : ""
                    var r: JSONValue = ["resource": .string(t.resource),
                                        "responseKind": ["group": .string(kindGroup), "version": .string(kindVersion), "kind": .string(t.kind)],
                                        "scope": t.namespaced ? "Namespaced" : "Cluster",
                                        "singularResource": .string(t.singular), "verbs": .array(t.verbs.map(JSONValue.string))]
                    if !t.shortNames.isEmpty { r["shortNames"] = .array(t.shortNames.map(JSONValue.string)) }
                    if !t.categories.isEmpty { r["categories"] = .array(t.categories.map(JSONValue.string)) }
                    if !t.subresources.isEmpty {
                        r["subresources"] = .array(t.subresources.map { sub in
                            let g = sub.group ?? kindGroup
                            let v = sub.version ?? kindVersion
                            return ["subresource": .string(sub.name),
                                    "responseKind": ["group": .string(g), "version": .string(v), "kind": .string(sub.kind)],
                                    "verbs": .array(sub.verbs.map(JSONValue.string))]
                        })
                    }
                    return r
                }
                return ["version": .string(version), "resources": .array(resources), "freshness": "Current"]
            }
            let metadata: JSONValue = group.isEmpty ? [:] : ["name": .string(group)]
            return ["metadata": metadata, "versions": .array(versions)]
        }
        return ["kind": "APIGroupDiscoveryList", "apiVersion": .string(apiVersion), "metadata": [:], "items": .array(items)]
    }

    // MARK: - OpenAPI

    /// A minimal `openapi_v2.Document` in protobuf (swagger "2.0", info): enough for kubectl's
    /// validation setup, which then relies on server-side field validation (advertised in v3).
    static var openAPIv2Protobuf: [UInt8] {
        func field(_ number: UInt8, _ bytes: [UInt8]) -> [UInt8] { [number << 3 | 2, UInt8(bytes.count)] + bytes }
        let info = field(1, Array("Kubernetes".utf8)) + field(2, Array("v1.36.0".utf8))
        return field(1, Array("2.0".utf8)) + field(2, info)
    }

    static let openAPIv2JSON: JSONValue = ["swagger": "2.0", "info": ["title": "Kubernetes", "version": "v1.36.0"],
                                           "paths": [:], "definitions": [:]]

    func openAPIv3Index() -> JSONValue {
        var paths: JSONValue = [:]
        var keys: [String] = ["api/v1"]
        for group in registry.groups { for version in registry.versions(of: group) { keys.append("apis/\(group)/\(version)") } }
        for key in keys {
            let doc = openAPIv3(path: key) ?? [:]
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in doc.serializedBytes() { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
            paths[key] = ["serverRelativeURL": .string("/openapi/v3/\(key)?hash=\(String(hash, radix: 16, uppercase: true))")]
        }
        return ["paths": paths]
    }

    /// A per-group-version OpenAPI v3 document: every resource's paths with the
    /// `x-kubernetes-group-version-kind` PATCH operation and its `fieldValidation`
    /// parameter (how kubectl decides to use server-side validation), plus CRD schemas.
    func openAPIv3(path: String) -> JSONValue? {
        let parts = path.split(separator: "/").map(String.init)
        let (group, version): (String, String)
        if parts.count == 2, parts[0] == "api" { (group, version) = ("", parts[1]) }
        else if parts.count == 3, parts[0] == "apis" { (group, version) = (parts[1], parts[2]) }
        else { return nil }
        let types = types(group: group, version: version)
        guard !types.isEmpty else { return nil }
        var paths: JSONValue = [:]
        var schemas: JSONValue = [:]
        let prefix = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        for t in types where !t.virtual {
            let gvk: JSONValue = ["group": .string(t.group), "version": .string(t.version), "kind": .string(t.kind)]
            let schemaName = t.isCustom ? "\(t.group.split(separator: ".").reversed().joined(separator: ".")).\(t.version).\(t.kind)"
                : "io.k8s.api.\(t.group.isEmpty ? "core" : t.group.split(separator: ".").first.map(String.init) ?? t.group).\(t.version).\(t.kind)"
            var patchTypes: JSONValue = ["application/json-patch+json": ["schema": ["type": "object"]],
                                         "application/merge-patch+json": ["schema": ["type": "object"]],
                                         "application/apply-patch+yaml": ["schema": ["type": "object"]]]
            if !t.isCustom { patchTypes["application/apply-patch+cbor"] = nil }
            let params: JSONValue = [
                ["name": "dryRun", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
                ["name": "fieldManager", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
                ["name": "fieldValidation", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
                ["name": "force", "in": "query", "schema": ["type": "boolean", "uniqueItems": true]],
            ]
            let ref: JSONValue = ["$ref": .string("#/components/schemas/\(schemaName)")]
            let item: JSONValue = [
                "get": ["x-kubernetes-action": "get", "x-kubernetes-group-version-kind": gvk,
                        "responses": ["200": ["description": "OK", "content": ["application/json": ["schema": ref]]]]],
                "put": ["x-kubernetes-action": "put", "x-kubernetes-group-version-kind": gvk, "parameters": params,
                        "requestBody": ["content": ["*/*": ["schema": ref]], "required": true],
                        "responses": ["200": ["description": "OK", "content": ["application/json": ["schema": ref]]]]],
                "patch": ["x-kubernetes-action": "patch", "x-kubernetes-group-version-kind": gvk, "parameters": params,
                          "requestBody": ["content": patchTypes, "required": true],
                          "responses": ["200": ["description": "OK", "content": ["application/json": ["schema": ref]]]]],
            ]
            let collection: JSONValue = [
                "post": ["x-kubernetes-action": "post", "x-kubernetes-group-version-kind": gvk, "parameters": params,
                         "requestBody": ["content": ["*/*": ["schema": ref]], "required": true],
                         "responses": ["201": ["description": "Created", "content": ["application/json": ["schema": ref]]]]],
            ]
            let base = t.namespaced ? "\(prefix)/namespaces/{namespace}/\(t.resource)" : "\(prefix)/\(t.resource)"
            paths[base] = collection
            paths["\(base)/{name}"] = item
            if t.hasStatusSubresource { paths["\(base)/{name}/status"] = item }
            var schema: JSONValue = t.custom?.schema?.raw ?? ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
            schema["x-kubernetes-group-version-kind"] = [gvk]
            schemas[schemaName] = schema
        }
        return ["openapi": "3.0.0", "info": ["title": "Kubernetes", "version": "v1.36.0"], "paths": paths,
                "components": ["schemas": schemas]]
    }
}
