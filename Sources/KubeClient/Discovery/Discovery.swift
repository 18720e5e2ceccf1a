import JSON

/// The resources the API server serves, learned from discovery and cached.
///
/// Filled from aggregated discovery (`apidiscovery.k8s.io/v2`, two requests for
/// the whole server), falling back to the legacy per-group documents when the
/// server does not offer it. Refreshed when a lookup misses (a CRD installed
/// after start-up), which is when client-go's deferred discovery mapper resets too.
public actor Discovery {
    /// One served resource.
    public struct Entry: Sendable, Equatable {
        public var type: ResourceType
        public var singular: String
        public var shortNames: [String]
        public var categories: [String]
        public var verbs: [String]
        public var subresources: [String]
    }

    private(set) var entries: [Entry] = []
    private var loaded = false

    init() {}

    /// Every resource discovered so far.
    public var all: [Entry] { entries }

    func replace(_ new: [Entry]) {
        entries = new
        loaded = true
    }

    var isLoaded: Bool { loaded }

    func find(group: String, version: String?, kind: String) -> ResourceType? {
        entries.first { $0.type.group == group && $0.type.kind == kind && (version == nil || $0.type.version == version) }?.type
    }

    func find(name: String) -> [ResourceType] {
        let lower = name.lowercased()
        let (base, group): (String, String?) = {
            guard let dot = lower.firstIndex(of: ".") else { return (lower, nil) }
            return (String(lower[..<dot]), String(lower[lower.index(after: dot)...]))
        }()
        return entries.filter { e in
            (group == nil || e.type.group == group!) &&
                (e.type.resource == base || e.singular == base || e.shortNames.contains(base) || e.type.kind.lowercased() == base)
        }.map(\.type)
    }
}

extension KubeClient {
    static let aggregatedAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"

    /// The resource serving `kind` in `apiVersion` (e.g. `apps/v1`, `Deployment`).
    /// Refreshes discovery once on a miss.
    public func resource(apiVersion: String, kind: String) async throws(KubeError) -> ResourceType {
        let (group, version) = Self.splitAPIVersion(apiVersion)
        if await discovery.isLoaded, let hit = await discovery.find(group: group, version: version, kind: kind) { return hit }
        try await refreshDiscovery()
        if let hit = await discovery.find(group: group, version: version, kind: kind) { return hit }
        throw .unknownResource("the server does not serve kind \"\(kind)\" in \"\(apiVersion)\" (is its CRD installed?)")
    }

    /// Resources matching a name as kubectl accepts it: plural, singular, short name or kind, optionally `.group`.
    public func resources(named name: String) async throws(KubeError) -> [ResourceType] {
        if !(await discovery.isLoaded) { try await refreshDiscovery() }
        let found = await discovery.find(name: name)
        if !found.isEmpty { return found }
        try await refreshDiscovery()
        return await discovery.find(name: name)
    }

    /// Re-reads discovery from the server.
    public func refreshDiscovery() async throws(KubeError) {
        var entries: [Entry] = []
        for root in ["/api", "/apis"] {
            var request = KubeRequest(method: "GET", path: root)
            request.accept = Self.aggregatedAccept
            let value = try parse(try await send(request), request)
            if value["kind"]?.stringValue == "APIGroupDiscoveryList" {
                entries += Self.entries(aggregated: value)
            } else {
                entries += try await legacyEntries(root: root, document: value)
            }
        }
        await discovery.replace(entries)
    }

    typealias Entry = Discovery.Entry

    static func entries(aggregated list: JSONValue) -> [Entry] {
        var result: [Entry] = []
        for group in list["items"]?.arrayValue ?? [] {
            let groupName = group[path: "metadata", "name"]?.stringValue ?? ""
            for version in group["versions"]?.arrayValue ?? [] {
                guard let v = version["version"]?.stringValue else { continue }
                for r in version["resources"]?.arrayValue ?? [] {
                    guard let name = r["resource"]?.stringValue, let kind = r[path: "responseKind", "kind"]?.stringValue else { continue }
                    result.append(Entry(
                        type: ResourceType(group: groupName, version: v, resource: name, kind: kind,
                                           namespaced: r["scope"]?.stringValue == "Namespaced"),
                        singular: r["singularResource"]?.stringValue ?? kind.lowercased(),
                        shortNames: r["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                        categories: r["categories"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                        verbs: r["verbs"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                        subresources: r["subresources"]?.arrayValue?.compactMap { $0["subresource"]?.stringValue } ?? []))
                }
            }
        }
        return result
    }

    /// Legacy discovery: `/api` lists versions, `/apis` lists groups; each
    /// group-version document lists its resources (subresources as `name/sub`).
    func legacyEntries(root: String, document: JSONValue) async throws(KubeError) -> [Entry] {
        var groupVersions: [(group: String, version: String, path: String)] = []
        if root == "/api" {
            for v in document["versions"]?.arrayValue?.compactMap(\.stringValue) ?? [] { groupVersions.append(("", v, "/api/\(v)")) }
        } else {
            for g in document["groups"]?.arrayValue ?? [] {
                guard let name = g["name"]?.stringValue else { continue }
                for v in g["versions"]?.arrayValue ?? [] {
                    if let version = v["version"]?.stringValue { groupVersions.append((name, version, "/apis/\(name)/\(version)")) }
                }
            }
        }
        var result: [Entry] = []
        for gv in groupVersions {
            let request = KubeRequest(method: "GET", path: gv.path)
            let value: JSONValue
            do { value = try parse(try await send(request), request) } catch let error where error.isNotFound { continue }
            let resources = value["resources"]?.arrayValue ?? []
            for r in resources {
                guard let name = r["name"]?.stringValue, !name.contains("/"), let kind = r["kind"]?.stringValue else { continue }
                let subs = resources.compactMap { $0["name"]?.stringValue }.filter { $0.hasPrefix(name + "/") }.map { String($0.dropFirst(name.count + 1)) }
                result.append(Entry(
                    type: ResourceType(group: gv.group, version: gv.version, resource: name, kind: kind, namespaced: r["namespaced"]?.boolValue ?? false),
                    singular: (r["singularName"]?.stringValue).flatMap { $0.isEmpty ? nil : $0 } ?? kind.lowercased(),
                    shortNames: r["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    categories: r["categories"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    verbs: r["verbs"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    subresources: subs))
            }
        }
        return result
    }

    static func splitAPIVersion(_ apiVersion: String) -> (group: String, version: String) {
        guard let slash = apiVersion.lastIndex(of: "/") else { return ("", apiVersion) }
        return (String(apiVersion[..<slash]), String(apiVersion[apiVersion.index(after: slash)...]))
    }
}
