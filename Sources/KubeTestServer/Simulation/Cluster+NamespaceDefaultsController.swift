import JSON

extension Cluster {
    /// The serviceaccounts controller and the root-ca-cert-publisher, run after every write that
    /// concerns them: a namespace created or changed, the ServiceAccount `default` or the
    /// ConfigMap `kube-root-ca.crt` deleted or edited. They act at once (a real cluster takes
    /// milliseconds), so `kubectl create namespace x && kubectl create token default -n x` works.
    func runNamespaceDefaultsControllers(after storage: GroupResource, _ key: ObjectKey) {
        if storage == Self.namespaceType.storage {
            ensureNamespaceDefaults(key.name)
        } else if NamespaceDefaultsController.concerns(storage, key) {
            ensureNamespaceDefaults(key.namespace)
        }
    }

    /// Creates what is missing in `namespace` and repairs an edited `kube-root-ca.crt`,
    /// unless the namespace is gone or terminating (the real controllers' creates would fail).
    func ensureNamespaceDefaults(_ namespace: String) {
        guard let ns = objects[Self.namespaceType.storage]?[ObjectKey(namespace: "", name: namespace)],
              NamespaceDefaultsController.isActive(namespace: ns) else { return }
        let controller = NamespaceDefaultsController(caPEM: config.rootCAPEM)
        for (storage, key, object) in controller.desired(namespace: namespace) {
            if let existing = objects[storage]?[key] {
                // The ServiceAccount controller only cares that it exists; the publisher also about its content.
                guard storage == NamespaceDefaultsController.configMaps, let fixed = controller.repaired(existing) else { continue }
                persist(storage, key, NamespaceDefaultsController.updated(old: existing, new: fixed, timestamp: timestamp()))
            } else {
                persist(storage, key, NamespaceDefaultsController.created(object, uid: newUID(), timestamp: timestamp()))
            }
        }
    }
}
