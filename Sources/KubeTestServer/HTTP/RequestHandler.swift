import Foundation
import JSON
import Logging

/// Serves one API request: faults, authentication, routing, authorization,
/// the operation on the cluster state, and rendering in the negotiated format.
struct RequestHandler: Sendable {
    let cluster: Cluster
    let faults: FaultInjector
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let logger: Logger
    /// host:port as `/api` reports it.
    let serverAddress: String

    func handle(_ request: APIRequest) async -> APIResponse {
        if let latency = faults.latency { try? await clock.sleep(for: latency) }
        // On a test clock the identity Lease is renewed as requests arrive (see startIdentityLease).
        await cluster.renewIdentityLeaseIfDue()
        do {
            let response = try await serve(request)
            logger.debug("\(request.method) \(request.path) -> \(response.status)")
            return response
        } catch {
            logger.debug("\(request.method) \(request.path) -> \(error.code) \(error.message)")
            return .error(error)
        }
    }

    private func serve(_ request: APIRequest) async throws(APIError) -> APIResponse {
        let route = RequestRoute(path: request.path)
        let attributes = Self.attributes(route: route, request: request)
        if let failure = faults.takeFailure(verb: attributes.verb, path: request.path) {
            throw Self.injected(failure)
        }
        let user = try await authenticate(request)
        let decision = await cluster.authorize(user, attributes)
        if !decision.allowed { throw Self.forbidden(user: user, attributes: attributes, route: route) }

        switch route {
        case .version:
            return APIResponse(status: 200, headers: APIResponse.standardHeaders + [("Content-Type", "application/json")],
                               body: .bytes(Array(DiscoveryDocuments.version.prettyPrinted().utf8)))
        case .health(let path):
            if request.query.has("verbose") {
                let name = path.split(separator: "/").first.map(String.init) ?? "healthz"
                return .text(200, "[+]ping ok\n[+]log ok\n[+]etcd ok\n\(name) check passed\n",
                             headers: [("X-Content-Type-Options", "nosniff")])
            }
            return .text(200, "ok", headers: [("X-Content-Type-Options", "nosniff")])
        case .coreVersions:
            if case .aggregatedDiscovery(let mediaType) = OutputFormat.negotiateDiscovery(request.header("accept")) {
                return await aggregated(core: true, mediaType: mediaType, request: request)
            }
            return .json(200, await documents().coreVersions)
        case .groups:
            if case .aggregatedDiscovery(let mediaType) = OutputFormat.negotiateDiscovery(request.header("accept")) {
                return await aggregated(core: false, mediaType: mediaType, request: request)
            }
            return .json(200, await documents().groupList)
        case .group(let name):
            guard let doc = await documents().group(name) else { throw APIError.pageNotFound }
            return .json(200, doc)
        case .resourceList(let group, let version):
            guard let doc = await documents().resourceList(group: group, version: version) else { throw APIError.pageNotFound }
            return .json(200, doc)
        case .openAPIv2:
            if request.header("accept")?.contains("protobuf") == true {
                return APIResponse(status: 200, headers: APIResponse.standardHeaders + [("Content-Type", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")],
                                   body: .bytes(DiscoveryDocuments.openAPIv2Protobuf))
            }
            return .json(200, DiscoveryDocuments.openAPIv2JSON)
        case .openAPIv3Index:
            let index = await documents().openAPIv3Index()
            return APIResponse(status: 200, headers: APIResponse.standardHeaders + [("Content-Type", "text/plain; charset=utf-8")],
                               body: .bytes(index.serializedBytes()))
        case .openAPIv3(let path):
            guard let doc = await documents().openAPIv3(path: path) else { throw APIError.pageNotFound }
            return .json(200, doc)
        case .resource(let resource):
            return try await ResourceRequestHandler(handler: self, request: request, route: resource, user: user).serve()
        case .notFound:
            throw APIError.pageNotFound
        }
    }

    func documents() async -> DiscoveryDocuments {
        DiscoveryDocuments(registry: await cluster.currentRegistry(), serverAddress: serverAddress)
    }

    private func aggregated(core: Bool, mediaType: String, request: APIRequest) async -> APIResponse {
        let apiVersion = mediaType.contains("v=v2beta1") ? "apidiscovery.k8s.io/v2beta1" : "apidiscovery.k8s.io/v2"
        let body = await documents().aggregated(core: core, apiVersion: apiVersion).serializedBytes() + [0x0A]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in body { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        let etag = "\"\(String(hash, radix: 16, uppercase: true))\""
        let headers = [("Cache-Control", "public"), ("Etag", etag), ("Vary", "Accept")]
        if request.header("if-none-match") == etag {
            return APIResponse(status: 304, headers: headers, body: .bytes([]))
        }
        return APIResponse(status: 200, headers: headers + [("Content-Type", mediaType)], body: .bytes(body))
    }

    // MARK: - Authentication and authorization

    private func authenticate(_ request: APIRequest) async throws(APIError) -> UserInfo {
        var bearer: String?
        if let header = request.header("authorization") {
            let parts = header.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2, parts[0].lowercased() == "bearer" { bearer = parts[1].trimmingCharacters(in: .whitespaces) }
            else { throw APIError.unauthorized }
        }
        var user: UserInfo
        switch await cluster.authenticate(bearer: bearer, certificate: request.clientCertificate) {
        case .none: user = .anonymous
        case .some(nil): throw APIError.unauthorized
        case .some(.some(let u)): user = u
        }
        if let impersonated = request.header("impersonate-user"), !impersonated.isEmpty {
            let check = RequestAttributes(verb: "impersonate", group: "", resource: "users", name: impersonated)
            guard await cluster.authorize(user, check).allowed else {
                throw APIError(code: 403, reason: "Forbidden",
                               message: "users \"\(impersonated)\" is forbidden: User \"\(user.name)\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope",
                               name: impersonated, kind: "users")
            }
            var groups = request.header("impersonate-group").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            if impersonated.hasPrefix("system:serviceaccount:") {
                let ns = impersonated.split(separator: ":").dropFirst(2).first.map(String.init) ?? ""
                groups += ["system:serviceaccounts", "system:serviceaccounts:\(ns)"]
            }
            groups.append("system:authenticated")
            user = UserInfo(name: impersonated, uid: request.header("impersonate-uid") ?? "", groups: groups)
        }
        return user
    }

    static func attributes(route: RequestRoute, request: APIRequest) -> RequestAttributes {
        guard case .resource(let r) = route else {
            let verb = ["GET": "get", "HEAD": "get", "POST": "post", "PUT": "put", "PATCH": "patch", "DELETE": "delete"][request.method] ?? "get"
            var path = request.path
            while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
            return RequestAttributes(verb: verb, nonResourcePath: path)
        }
        let verb: String
        switch request.method {
        case "GET", "HEAD":
            if r.watchPrefix || request.query.flag("watch") { verb = "watch" } else { verb = r.name == nil ? "list" : "get" }
        case "POST": verb = "create"
        case "PUT": verb = "update"
        case "PATCH": verb = "patch"
        case "DELETE": verb = r.name == nil ? "deletecollection" : "delete"
        default: verb = request.method.lowercased()
        }
        return RequestAttributes(verb: verb, group: r.group, resource: r.resource, subresource: r.subresource ?? "",
                                 namespace: r.namespace ?? "", name: r.name ?? "")
    }

    static func forbidden(user: UserInfo, attributes a: RequestAttributes, route: RequestRoute) -> APIError {
        if let path = a.nonResourcePath {
            return APIError(code: 403, reason: "Forbidden", message: "forbidden: User \"\(user.name)\" cannot \(a.verb) path \"\(path)\"",
                            emptyDetails: true)
        }
        let display = a.group.isEmpty ? a.resource : "\(a.resource).\(a.group)"
        let named = a.name.isEmpty ? "" : " \"\(a.name)\""
        let full = a.subresource.isEmpty ? a.resource : "\(a.resource)/\(a.subresource)"
        let scope = a.namespace.isEmpty ? "at the cluster scope" : "in the namespace \"\(a.namespace)\""
        return APIError(code: 403, reason: "Forbidden",
                        message: "\(display)\(named) is forbidden: User \"\(user.name)\" cannot \(a.verb) resource \"\(full)\" in API group \"\(a.group)\" \(scope)",
                        name: a.name.isEmpty ? nil : a.name, group: a.group, kind: a.resource)
    }

    static func injected(_ failure: FaultInjector.Failure) -> APIError {
        let (reason, message): (String, String)
        switch failure.code {
        case 409: (reason, message) = ("Conflict", "Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again (injected fault)")
        case 410: (reason, message) = ("Expired", "too old resource version (injected fault)")
        case 429: (reason, message) = ("TooManyRequests", "the server has received too many requests and has asked us to try again later (injected fault)")
        case 500: (reason, message) = ("InternalError", "Internal error occurred: injected fault")
        case 503: (reason, message) = ("ServiceUnavailable", "the server is currently unable to handle the request (injected fault)")
        case 504: (reason, message) = ("Timeout", "the server was unable to return a response in the time allotted (injected fault)")
        default: (reason, message) = ("Unknown", "injected fault")
        }
        return APIError(code: failure.code, reason: reason, message: message, retryAfterSeconds: failure.retryAfterSeconds)
    }
}
