public import JSON
public import KaiAPI

/// Renders a DevSession into the children the seed's Helm chart `dev-session-template`
/// installed: a pure function, the same for `kai-operator render -f` and the reconciler.
///
/// Children, in apply order (and the order `render` prints them):
/// 1. Namespace `<projectUUID>`
/// 2. PersistentVolumeClaim `<release>-workspace`
/// 3. Service `<release>` (all three ports), then `<release>-preview`, `<release>-chat`, `<release>-vscode`
/// 4. Deployment `<release>` with the containers `preview`, `chat`, `vscode`
/// 5. Ingress `<release>` (unless `ingress.enabled` is false)
///
/// where `<release>` is `dev-session-<first 8 characters of projectUUID>`.
///
/// ## Guarantees
/// - The output depends only on the DevSession: maps are written with sorted keys, so the
///   same input always gives byte-identical YAML.
/// - Every child carries the recommended labels and the annotation ``hashAnnotation``: a
///   hash of the rest of the object, which the reconciler compares to skip unchanged children.
/// - When the DevSession has a `metadata.uid` (it came from the API server), every child has
///   a controller ownerReference to it. A cluster-scoped owner is allowed for cluster-scoped
///   dependents (the Namespace) and namespaced ones alike (Kubernetes garbage-collection
///   rules), so the garbage collector removes whatever is left if the DevSession is ever
///   deleted without its finalizer, and watches map every child back to its DevSession.
public enum DevSessionRenderer {
    /// The hash of the rendered object, on every child.
    public static let hashAnnotation = "kai.dev/rendered-hash"
    /// `app.kubernetes.io/name` of every child: the chart's name.
    public static let appName = "dev-session"
    /// Where the workspace volume is mounted in every container.
    public static let workspaceMountPath = "/workspace"
    /// The name of the workspace volume in the pod.
    static let workspaceVolume = "workspace"

    /// The children of `session`, in apply order.
    /// - Throws: ``DevSessionSpecError`` naming the first field that cannot be used.
    public static func render(_ session: DevSession) throws(DevSessionSpecError) -> [JSONValue] {
        render(session, settings: try DevSessionSettings(session.spec))
    }

    /// The children of `session` given its checked settings.
    public static func render(_ session: DevSession, settings: DevSessionSettings) -> [JSONValue] {
        let context = Context(session: session, settings: settings)
        var children = [namespace(context), workspaceClaim(context), releaseService(context)]
        children += settings.endpoints.map { endpointService(context, $0) }
        children.append(deployment(context))
        if settings.ingressEnabled { children.append(ingress(context)) }
        return children.map(stamped)
    }

    /// What every child's builder needs.
    struct Context {
        var session: DevSession
        var settings: DevSessionSettings
        var release: String { session.releaseName }
        var namespace: String { settings.projectUUID }
        /// The tag the three images share, the session's `app.kubernetes.io/version`; nil when
        /// they differ or one has none.
        var sharedVersion: String? {
            let tags = Set(settings.endpoints.map { $0.imageTag })
            guard tags.count == 1, let tag = tags.first else { return nil }
            return tag
        }
    }

    /// Adds the hash annotation, computed over everything else.
    static func stamped(_ object: JSONValue) -> JSONValue {
        var object = object
        let hash = DevSessionHash.hex(of: object)
        // Keep `ownerReferences` last in metadata, after the annotations, for readability.
        let owners = object[path: "metadata", "ownerReferences"]
        object[path: "metadata", "ownerReferences"] = nil
        object[path: "metadata", "annotations", hashAnnotation] = .string(hash)
        object[path: "metadata", "ownerReferences"] = owners
        return object
    }

    // MARK: - Metadata

    /// Labels that select the session's pod: stable for the Deployment's life (its selector
    /// is immutable), so neither component nor version.
    static func selectorLabels(_ context: Context) -> JSONValue {
        [KaiGroup.Label.name: .string(appName), KaiGroup.Label.instance: .string(context.release)]
    }

    /// The recommended labels.
    static func labels(_ context: Context, component: String, version: String?) -> JSONValue {
        var labels = selectorLabels(context)
        labels[KaiGroup.Label.component] = .string(component)
        labels[KaiGroup.Label.partOf] = "kai"
        labels[KaiGroup.Label.managedBy] = .string(KaiGroup.fieldManager)
        if let version, isLabelValue(version) { labels[KaiGroup.Label.version] = .string(version) }
        return labels
    }

    static func metadata(_ context: Context, name: String, namespaced: Bool = true, component: String,
                         version: String?, annotations: [String: String] = [:]) -> JSONValue {
        var meta: JSONValue = ["name": .string(name)]
        if namespaced { meta["namespace"] = .string(context.namespace) }
        meta["labels"] = labels(context, component: component, version: version)
        if !annotations.isEmpty { meta["annotations"] = sortedStrings(annotations) }
        if let uid = context.session.metadata.uid, !uid.isEmpty, let name = context.session.metadata.name {
            meta["ownerReferences"] = [[
                "apiVersion": .string(DevSession.resource.apiVersion), "kind": .string(DevSession.resource.kind),
                "name": .string(name), "uid": .string(uid), "controller": true, "blockOwnerDeletion": true,
            ]]
        }
        return meta
    }

    static func sortedStrings(_ map: [String: String]) -> JSONValue {
        .object(.init(uniqueKeysWithValues: map.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
    }

    /// A valid label value: at most 63 characters, alphanumerics with `-_.` inside.
    static func isLabelValue(_ value: String) -> Bool {
        guard !value.isEmpty, value.count <= 63, let first = value.first, let last = value.last else { return false }
        let alphanumeric: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return alphanumeric(first) && alphanumeric(last)
            && value.allSatisfy { alphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    // MARK: - Namespace and storage

    static func namespace(_ context: Context) -> JSONValue {
        ["apiVersion": "v1", "kind": "Namespace",
         "metadata": metadata(context, name: context.namespace, namespaced: false, component: "session",
                              version: context.sharedVersion)]
    }

    /// `<release>-workspace`: the volume every container mounts at `/workspace`.
    public static func workspaceClaimName(release: String) -> String { "\(release)-workspace" }

    static func workspaceClaim(_ context: Context) -> JSONValue {
        var spec: JSONValue = [
            "accessModes": ["ReadWriteOnce"],
            "resources": ["requests": ["storage": .string(context.settings.storageSize)]],
        ]
        if let storageClass = context.settings.storageClassName { spec["storageClassName"] = .string(storageClass) }
        return ["apiVersion": "v1", "kind": "PersistentVolumeClaim",
                "metadata": metadata(context, name: workspaceClaimName(release: context.release), component: "workspace",
                                     version: context.sharedVersion),
                "spec": spec]
    }
}
