import JSON

/// Where the objects of a resource are stored: two served resources can share
/// one storage (core/v1 `events` and `events.k8s.io/v1` `events`).
struct GroupResource: Hashable, Sendable, CustomStringConvertible {
    var group: String
    var resource: String

    /// `widgets.demo.example.com`, or `configmaps` for the core group: the
    /// spelling the API server uses in its error messages.
    var description: String { group.isEmpty ? resource : "\(resource).\(group)" }
}

/// A subresource as discovery lists it.
struct SubresourceType: Sendable {
    var name: String
    var kind: String
    var verbs: [String]
    /// Set when the subresource answers with another group's kind (`serviceaccounts/token`).
    var group: String? = nil
    var version: String? = nil
}

/// A printer column of a `Table` answer (`kubectl get`).
struct PrinterColumn: Sendable {
    var name: String
    var type: String
    var format: String = ""
    var description: String
    var priority: Int = 0
    /// For custom resources: the column's JSONPath. Built-ins compute cells in code.
    var jsonPath: String? = nil
}

/// What the server knows about a custom resource beyond its names.
struct CustomResourceInfo: Sendable {
    /// `widgets.demo.example.com`.
    var crdName: String
    /// The version objects are stored in (CRD conversion strategy `None`).
    var storageVersion: String
    var schema: ResourceSchema?
    var preserveUnknownFields: Bool
    /// Extra field selectors from the CRD's `selectableFields` (JSONPath without the leading dot).
    var selectableFields: [String]
}

/// One served resource (a group/version/plural), built-in or from a CRD.
struct ResourceType: Sendable {
    var group: String
    var version: String
    var resource: String
    var singular: String
    var kind: String
    var listKind: String
    var namespaced: Bool
    var shortNames: [String] = []
    var categories: [String] = []
    var verbs: [String] = ResourceType.standardVerbs
    var subresources: [SubresourceType] = []
    var storage: GroupResource
    var custom: CustomResourceInfo? = nil
    /// `metadata.generation` is maintained (CRs, Deployments, CRDs, ...).
    var hasGeneration: Bool = false
    /// Built-ins whose PUT may omit `metadata.resourceVersion`.
    var allowUnconditionalUpdate: Bool = true
    /// Field selectors beyond `metadata.name` / `metadata.namespace`.
    var fieldSelectors: [String] = []
    var printerColumns: [PrinterColumn] = []
    /// Objects of this resource are not stored (reviews): POST answers and forgets.
    var virtual: Bool = false

    static let standardVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    var groupResource: GroupResource { GroupResource(group: group, resource: resource) }
    var isCustom: Bool { custom != nil }
    var hasStatusSubresource: Bool { subresources.contains { $0.name == "status" } }

    /// `Widget.demo.example.com` / `ConfigMap`: the qualified kind of 422 and precondition messages.
    var qualifiedKind: String { group.isEmpty ? kind : "\(kind).\(group)" }

    /// A stable short hash in the shape discovery shows (`bQ1YHmG75GQ=`).
    var storageVersionHash: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(group)/\(version)/\(kind)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        var bytes: [UInt8] = []
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: hash >> UInt64(shift))) }
        return Base64.encode(bytes)
    }
}
