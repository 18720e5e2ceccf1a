public import JSON

/// Direct access to the stored state, for test set-up and assertions
/// (no HTTP, no authorization; the same validation and semantics as the API).
extension KubeTestServer {
    /// Creates a CRD as `POST /apis/apiextensions.k8s.io/v1/customresourcedefinitions` would; it is Established at once.
    @discardableResult
    public func installCRD(_ crd: JSONValue) async throws -> JSONValue {
        try await create(crd)
    }

    /// Creates any object (its `apiVersion`/`kind` pick the resource) as the `admin` user.
    @discardableResult
    public func create(_ object: JSONValue, fieldManager: String = "kube-test-server") async throws -> JSONValue {
        let type = try await resourceType(apiVersion: object["apiVersion"]?.stringValue ?? "", kind: object["kind"]?.stringValue ?? "")
        let namespace = type.namespaced ? (object[path: "metadata", "namespace"]?.stringValue ?? "default") : ""
        do {
            let result = try await cluster.create(type: type, namespace: namespace, body: object,
                                                  context: WriteContext(manager: fieldManager, user: Self.internalUser))
            return Presenter.present(result.object, as: type)
        } catch {
            throw KubeTestServerError(error.message, code: error.code)
        }
    }

    /// The object, or nil when it does not exist.
    public func object(apiVersion: String, kind: String, namespace: String? = nil, name: String) async throws -> JSONValue? {
        let type = try await resourceType(apiVersion: apiVersion, kind: kind)
        guard let object = try? await cluster.get(type: type, namespace: namespace ?? "", name: name) else { return nil }
        return Presenter.present(object, as: type)
    }

    /// Every object of a kind (in one namespace, or all), ordered by namespace and name.
    public func objects(apiVersion: String, kind: String, namespace: String? = nil) async throws -> [JSONValue] {
        let type = try await resourceType(apiVersion: apiVersion, kind: kind)
        do {
            let result = try await cluster.list(type: type, namespace: type.namespaced ? namespace : nil, options: ListOptions())
            return result.items.map { Presenter.present($0, as: type) }
        } catch {
            throw KubeTestServerError(error.message, code: error.code)
        }
    }

    /// The current global resourceVersion.
    public func currentResourceVersion() async -> Int64 { await cluster.currentResourceVersion() }

    /// How many watch streams are open (for tests of reconnect logic).
    public func openWatchCount() async -> Int { await cluster.openWatchCount }

    static let internalUser = UserInfo(name: "system:kube-test-server", groups: ["system:masters"])

    func resourceType(apiVersion: String, kind: String) async throws -> ResourceType {
        guard let type = await cluster.currentRegistry().type(apiVersion: apiVersion, kind: kind) else {
            throw KubeTestServerError("no resource serves \(kind) in \(apiVersion)", code: 404)
        }
        return type
    }
}
