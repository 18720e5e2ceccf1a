import Foundation
import JSON

/// Serves one request on a resource path (objects, collections, subresources, watches).
struct ResourceRequestHandler {
    let handler: RequestHandler
    let request: APIRequest
    let route: RequestRoute.Resource
    let user: UserInfo
    var cluster: Cluster { handler.cluster }

    func serve() async throws(APIError) -> APIResponse {
        guard let type = await cluster.resolve(group: route.group, version: route.version, resource: route.resource) else {
            let registry = await cluster.currentRegistry()
            if registry.isBuiltinGroupVersion(group: route.group, version: route.version) { throw APIError.resourceNotFound }
            throw APIError.pageNotFound
        }
        // Namespaced resources are listed across namespaces without one; objects need it.
        if type.namespaced && route.namespace == nil && route.name != nil { throw APIError.pageNotFound }
        if !type.namespaced && route.namespace != nil && type.resource != "namespaces" { throw APIError.pageNotFound }
        let namespace = type.namespaced ? (route.namespace ?? "") : ""
        if let sub = route.subresource, !type.subresources.contains(where: { $0.name == sub }) {
            throw APIError.notFound(type, name: route.name ?? "")
        }
        if type.virtual {
            guard request.method == "POST" else { throw APIError.methodNotAllowed() }
            return try await review(type)
        }
        guard let format = OutputFormat.negotiate(request.header("accept")) else { throw APIError.notAcceptable }

        switch (request.method, route.name) {
        case ("GET", nil), ("HEAD", nil):
            let options = try listOptions()
            if route.watchPrefix || request.query.flag("watch") {
                return try await watch(type, namespace: route.namespace, options: options, format: format)
            }
            let result = try await cluster.list(type: type, namespace: type.namespaced ? route.namespace : nil, options: options)
            return render(list: result, type: type, format: format)
        case ("GET", let name?), ("HEAD", let name?):
            let object = try await cluster.get(type: type, namespace: namespace, name: name)
            if route.subresource == "scale" { return .json(200, Self.scale(object)) }
            return render(object: object, type: type, format: format, status: 200)
        case ("POST", nil):
            let body = try parseBody(type)
            let result = try await cluster.create(type: type, namespace: namespace, body: body, context: try writeContext("CreateOptions"))
            return render(write: result, type: type, format: format)
        case ("POST", let name?):
            if type.resource == "serviceaccounts" && route.subresource == "token" { return try await tokenRequest(namespace: namespace, name: name) }
            throw type.isCustom ? APIError.notFound(type, name: name) : APIError.methodNotAllowed()
        case ("PUT", nil):
            throw type.isCustom ? APIError.badRequest("name must be provided") : APIError.methodNotAllowed()
        case ("PUT", let name?):
            let body = try parseBody(type)
            if route.subresource == "scale" { return try await updateScale(type, namespace: namespace, name: name, patch: body["spec"] ?? [:], format: format) }
            if route.subresource == "finalize" {
                return render(object: try await cluster.finalizeNamespace(name: name, body: body), type: type, format: format, status: 200)
            }
            let result = try await cluster.update(type: type, namespace: namespace, name: name, body: body,
                                                  subresource: route.subresource, context: try writeContext("UpdateOptions"))
            return render(write: result, type: type, format: format)
        case ("PATCH", nil):
            throw type.isCustom ? APIError.badRequest("name must be provided") : APIError.methodNotAllowed()
        case ("PATCH", let name?):
            return try await patch(type, namespace: namespace, name: name, format: format)
        case ("DELETE", nil):
            let options = try listOptions()
            let deleteOptions = try self.deleteOptions()
            let result = try await cluster.deleteCollection(type: type, namespace: type.namespaced ? route.namespace : nil,
                                                            options: options, deleteOptions: deleteOptions,
                                                            context: try writeContext("DeleteOptions"))
            return render(list: result, type: type, format: format)
        case ("DELETE", let name?):
            let outcome = try await cluster.delete(type: type, namespace: namespace, name: name, options: try deleteOptions(),
                                                   context: try writeContext("DeleteOptions"))
            switch outcome {
            case .removed(let object): return .json(200, Presenter.deleteStatus(object, type: type))
            case .pending(let object): return render(object: object, type: type, format: format, status: 200)
            }
        default:
            throw type.isCustom ? APIError.badRequest("unsupported method \(request.method)") : APIError.methodNotAllowed()
        }
    }

    // MARK: - Options and bodies

    func listOptions() throws(APIError) -> ListOptions {
        let q = request.query
        var options = ListOptions()
        if let raw = q["labelSelector"], !raw.isEmpty {
            do { options.labelSelector = try LabelSelector(parsing: raw) } catch { throw APIError.badRequest(error.message) }
        }
        if let raw = q["fieldSelector"], !raw.isEmpty {
            do { options.fieldSelector = try FieldSelector(parsing: raw) } catch { throw APIError.badRequest(error.message) }
        }
        if let raw = q["limit"], let limit = Int(raw) { options.limit = limit }
        if let raw = q["continue"], !raw.isEmpty { options.continueToken = raw }
        if let raw = q["resourceVersion"] { options.resourceVersion = raw }
        if let raw = q["resourceVersionMatch"], !raw.isEmpty { options.resourceVersionMatch = raw }
        options.allowWatchBookmarks = q.flag("allowWatchBookmarks")
        if q.has("sendInitialEvents") { options.sendInitialEvents = q.flag("sendInitialEvents") }
        if let raw = q["timeoutSeconds"], let t = Int(raw) { options.timeoutSeconds = t }
        return options
    }

    func writeContext(_ optionsKind: String) throws(APIError) -> WriteContext {
        let q = request.query
        let dryRun = q.all("dryRun")
        if let bad = dryRun.first(where: { $0 != "All" }) {
            throw APIError.invalidOptions(optionsKind, errors: [.notSupported("dryRun", value: "[\"\(bad)\"]", supported: ["All"])])
        }
        let validation = q["fieldValidation"] ?? "Warn"
        guard ["Strict", "Warn", "Ignore"].contains(validation) else {
            throw APIError.badRequest("fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\"")
        }
        let agent = request.header("user-agent") ?? ""
        let manager = q["fieldManager"] ?? (agent.split(separator: "/").first.map(String.init) ?? "unknown")
        return WriteContext(manager: manager.isEmpty ? "unknown" : manager, dryRun: !dryRun.isEmpty,
                            fieldValidation: validation, force: q.flag("force"), user: user)
    }

    func parseBody(_ type: ResourceType) throws(APIError) -> JSONValue {
        let contentType = request.contentType ?? "application/json"
        switch contentType {
        case MediaType.json:
            do { return try JSONValue(parsing: request.body) } catch {
                let excerpt = String(decoding: request.body.prefix(30), as: UTF8.self)
                throw APIError.badRequest("the object provided is unrecognized (must be of type \(type.kind)): couldn't get version/kind; json parse error: \(GoJSONSyntax.error(in: request.body) ?? error.reason) (\(excerpt) ...)")
            }
        case "application/yaml":
            do { return try YAMLSupport.parse(request.body) } catch {
                throw APIError.badRequest("the object provided is unrecognized (must be of type \(type.kind)): couldn't get version/kind; yaml parse error: \(error.message)")
            }
        case MediaType.protobuf where !type.isCustom:
            // Custom resources have no protobuf encoding: they fall through to 415 like the real server.
            return try Self.decodeProtobuf(request.body, as: type)
        default:
            throw APIError.unsupportedMediaType(["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"])
        }
    }

    /// A protobuf body as the JSON a JSON client would have sent; 400 with the decoder's reason when unreadable.
    static func decodeProtobuf(_ body: [UInt8], as type: ResourceType) throws(APIError) -> JSONValue {
        let envelope: ProtobufDecoder.Envelope
        switch Result(catching: { () throws(ProtobufError) in try ProtobufDecoder.envelope(body) }) {
        case .success(let e): envelope = e
        case .failure(let error):
            let excerpt = String(decoding: body.prefix(30), as: UTF8.self)
            throw APIError.badRequest("the object provided is unrecognized (must be of type \(type.kind)): \(error.message) (\(excerpt) ...)")
        }
        switch Result(catching: { () throws(ProtobufError) in
            try ProtobufDecoder().decode(body, fallbackAPIVersion: type.apiVersion, fallbackKind: type.kind)
        }) {
        case .success(let object): return object
        case .failure(let error):
            let kind = envelope.kind.isEmpty ? type.kind : envelope.kind
            let version = (envelope.apiVersion.isEmpty ? type.apiVersion : envelope.apiVersion).split(separator: "/").last.map(String.init) ?? ""
            throw APIError.badRequest("\(kind) in version \"\(version)\" cannot be handled as a \(type.kind): \(error.message)")
        }
    }

    func deleteOptions() throws(APIError) -> DeleteOptions {
        var options = DeleteOptions()
        var body: JSONValue = [:]
        if !request.body.isEmpty && request.contentType == MediaType.protobuf {
            switch Result(catching: { () throws(ProtobufError) in
                try ProtobufDecoder().decode(request.body, fallbackAPIVersion: "meta.k8s.io/v1", fallbackKind: "DeleteOptions")
            }) {
            case .success(let decoded): body = decoded
            case .failure(let error): throw APIError.badRequest("the body of the request was in an unknown format: \(error.message)")
            }
        } else if !request.body.isEmpty {
            do { body = try JSONValue(parsing: request.body) } catch {
                throw APIError.badRequest("the body of the request was in an unknown format: \(error.reason)")
            }
        }
        let policy = request.query["propagationPolicy"] ?? body["propagationPolicy"]?.stringValue
        if let policy {
            guard let p = DeleteOptions.Propagation(rawValue: policy) else {
                throw APIError.invalidOptions("DeleteOptions", errors: [
                    .notSupported("propagationPolicy", value: "\"\(policy)\"", supported: ["Foreground", "Background", "Orphan", "nil"]),
                ])
            }
            options.propagation = p
        } else if request.query.flag("orphanDependents") || body["orphanDependents"]?.boolValue == true {
            options.propagation = .orphan
        }
        options.preconditionUID = body[path: "preconditions", "uid"]?.stringValue
        options.preconditionResourceVersion = body[path: "preconditions", "resourceVersion"]?.stringValue
        let dryRun = request.query.all("dryRun") + (body["dryRun"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        if let bad = dryRun.first(where: { $0 != "All" }) {
            throw APIError.invalidOptions("DeleteOptions", errors: [.notSupported("dryRun", value: "[\"\(bad)\"]", supported: ["All"])])
        }
        options.dryRun = !dryRun.isEmpty
        return options
    }

    // MARK: - Patch

    private func patch(_ type: ResourceType, namespace: String, name: String, format: OutputFormat) async throws(APIError) -> APIResponse {
        let kind: Cluster.PatchKind
        switch request.contentType {
        case "application/merge-patch+json": kind = .merge
        case "application/json-patch+json": kind = .json
        case "application/strategic-merge-patch+json" where !type.isCustom: kind = .strategic
        case "application/apply-patch+yaml": kind = .apply
        default:
            throw APIError.unsupportedMediaType(type.isCustom
                ? ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]
                : ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"])
        }
        var context = try writeContext("PatchOptions")
        if kind == .apply {
            guard let manager = request.query["fieldManager"], !manager.isEmpty else {
                throw APIError.invalidOptions("PatchOptions", errors: [.required("fieldManager", "is required for apply patch")])
            }
            context.manager = manager
        } else if request.query.has("force") {
            throw APIError.invalidOptions("PatchOptions", errors: [.forbidden("force", "may not be specified for non-apply patch")])
        }
        let body: JSONValue
        if kind == .apply {
            do { body = try YAMLSupport.parse(request.body) } catch {
                throw APIError.badRequest("error decoding YAML: \(error.message)")
            }
        } else {
            do { body = try JSONValue(parsing: request.body) } catch {
                throw APIError.badRequest("error decoding patch: \(error.reason)")
            }
        }
        if route.subresource == "scale" {
            guard kind == .merge || kind == .strategic else { throw APIError.unsupportedMediaType(["application/merge-patch+json"]) }
            return try await updateScale(type, namespace: namespace, name: name, patch: body["spec"] ?? [:], format: format)
        }
        let result = try await cluster.patch(type: type, namespace: namespace, name: name, kind: kind, body: body,
                                             subresource: route.subresource, context: context)
        return render(write: result, type: type, format: format)
    }

    private func updateScale(_ type: ResourceType, namespace: String, name: String, patch: JSONValue, format: OutputFormat)
        async throws(APIError) -> APIResponse
    {
        guard let replicas = patch["replicas"] else { return .json(200, Self.scale(try await cluster.get(type: type, namespace: namespace, name: name))) }
        let result = try await cluster.patch(type: type, namespace: namespace, name: name, kind: .merge,
                                             body: ["spec": ["replicas": replicas]], subresource: nil,
                                             context: try writeContext("UpdateOptions"))
        return .json(200, Self.scale(result.object))
    }

    static func scale(_ object: JSONValue) -> JSONValue {
        let replicas = object[path: "spec", "replicas"] ?? 1
        let selector = (object[path: "spec", "selector", "matchLabels"]?.objectValue ?? [:])
            .map { "\($0.key)=\($0.value.stringValue ?? "")" }.sorted().joined(separator: ",")
        let m = object["metadata"] ?? [:]
        return ["kind": "Scale", "apiVersion": "autoscaling/v1",
                "metadata": ["name": m["name"] ?? "", "namespace": m["namespace"] ?? "", "uid": m["uid"] ?? "",
                             "resourceVersion": m["resourceVersion"] ?? "", "creationTimestamp": m["creationTimestamp"] ?? .null],
                "spec": ["replicas": replicas],
                "status": ["replicas": object[path: "status", "replicas"] ?? 0, "selector": .string(selector)]]
    }

    // MARK: - Rendering

    func render(object: JSONValue, type: ResourceType, format: OutputFormat, status: Int, headers: [(String, String)] = []) -> APIResponse {
        let served = Presenter.present(object, as: type)
        switch format {
        case .table:
            let rv = object[path: "metadata", "resourceVersion"]?.stringValue ?? ""
            let table = TableRenderer(now: handler.now()).table(type: type, objects: [served], resourceVersion: rv,
                                                                includeObject: request.query["includeObject"] ?? "Metadata")
            return .json(status, table, headers: headers)
        case .partialMetadata:
            return .json(status, TableRenderer.partialMetadata(served), headers: headers)
        case .yaml:
            return .text(status, YAMLSupport.emit(served), contentType: "application/yaml", headers: headers)
        default:
            return .json(status, served, headers: headers)
        }
    }

    func render(write result: WriteResult, type: ResourceType, format: OutputFormat) -> APIResponse {
        let warnings = result.warnings.map { ("Warning", "299 - \(JSONValue.string($0).serialized())") }
        return render(object: result.object, type: type, format: format, status: result.created ? 201 : 200, headers: warnings)
    }

    func render(list result: ListResult, type: ResourceType, format: OutputFormat) -> APIResponse {
        switch format {
        case .table:
            let served = result.items.map { Presenter.present($0, as: type) }
            return .json(200, TableRenderer(now: handler.now()).table(
                type: type, objects: served, resourceVersion: String(result.resourceVersion),
                includeObject: request.query["includeObject"] ?? "Metadata",
                continueToken: result.continueToken, remaining: result.remaining))
        case .partialMetadata:
            var metadata: JSONValue = ["resourceVersion": .string(String(result.resourceVersion))]
            if let token = result.continueToken, !token.isEmpty { metadata["continue"] = .string(token) }
            return .json(200, ["kind": "PartialObjectMetadataList", "apiVersion": "meta.k8s.io/v1", "metadata": metadata,
                               "items": .array(result.items.map { TableRenderer.partialMetadata(Presenter.present($0, as: type)) })])
        case .yaml:
            return .text(200, YAMLSupport.emit(Presenter.list(result, as: type)), contentType: "application/yaml")
        default:
            return .json(200, Presenter.list(result, as: type))
        }
    }

    // MARK: - Watch

    private func watch(_ type: ResourceType, namespace: String?, options: ListOptions, format: OutputFormat) async throws(APIError) -> APIResponse {
        let headers = APIResponse.standardHeaders + [("Content-Type", "application/json")]
        if handler.faults.takeWatchExpiry() {
            let line: JSONValue = ["type": "ERROR", "object": APIError.gone("too old resource version: \(options.resourceVersion ?? "0") (injected fault)").status]
            let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
            continuation.yield(line.serializedBytes() + [0x0A])
            continuation.finish()
            return APIResponse(status: 200, headers: headers, body: .stream(stream))
        }
        let events = try await cluster.watch(type: type, namespace: type.namespaced ? namespace : nil, options: options)
        let now = handler.now
        let includeObject = request.query["includeObject"] ?? "Metadata"
        let (output, continuation) = AsyncStream<[UInt8]>.makeStream()
        let pump = Task {
            var first = true
            for await item in events {
                let line: JSONValue
                switch item {
                case .event(let kind, let object):
                    var served = Presenter.present(object, as: type)
                    if format == .table {
                        served = TableRenderer(now: now()).table(
                            type: type, objects: [served], resourceVersion: object[path: "metadata", "resourceVersion"]?.stringValue ?? "",
                            includeObject: includeObject, withColumns: first)
                        first = false
                    } else if format == .partialMetadata {
                        served = TableRenderer.partialMetadata(served)
                    }
                    line = ["type": .string(kind.rawValue), "object": served]
                case .bookmark(let rv, let end):
                    line = ["type": "BOOKMARK", "object": Presenter.bookmark(rv: rv, initialEventsEnd: end, type: type)]
                case .error(let status):
                    line = ["type": "ERROR", "object": status]
                }
                continuation.yield(line.serializedBytes() + [0x0A])
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in pump.cancel() }
        return APIResponse(status: 200, headers: headers, body: .stream(output))
    }

    // MARK: - Reviews and tokens

    private func review(_ type: ResourceType) async throws(APIError) -> APIResponse {
        // A SelfSubjectReview has no input: an unreadable body does not matter.
        let body = type.resource == "selfsubjectreviews" ? ((try? parseBody(type)) ?? [:]) : try parseBody(type)
        let stamp = Timestamps.time(handler.now())
        switch type.resource {
        case "selfsubjectreviews":
            return .json(201, ["kind": "SelfSubjectReview", "apiVersion": .string(type.apiVersion),
                               "metadata": ["creationTimestamp": .string(stamp)],
                               "status": ["userInfo": Self.userInfo(user)]])
        case "selfsubjectaccessreviews", "subjectaccessreviews":
            let spec = body["spec"] ?? [:]
            var subject = user
            if type.resource == "subjectaccessreviews" {
                subject = UserInfo(name: spec["user"]?.stringValue ?? "", uid: spec["uid"]?.stringValue ?? "",
                                   groups: spec["groups"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            }
            let attributes: RequestAttributes
            if let r = spec["resourceAttributes"] {
                attributes = RequestAttributes(verb: r["verb"]?.stringValue ?? "", group: r["group"]?.stringValue ?? "",
                                               resource: r["resource"]?.stringValue ?? "", subresource: r["subresource"]?.stringValue ?? "",
                                               namespace: r["namespace"]?.stringValue ?? "", name: r["name"]?.stringValue ?? "")
            } else {
                let n = spec["nonResourceAttributes"] ?? [:]
                attributes = RequestAttributes(verb: n["verb"]?.stringValue ?? "", nonResourcePath: n["path"]?.stringValue ?? "")
            }
            let decision = await cluster.authorize(subject, attributes)
            var status: JSONValue = ["allowed": .bool(decision.allowed)]
            if decision.allowed && !decision.reason.isEmpty { status["reason"] = .string(decision.reason) }
            var out: JSONValue = ["kind": .string(type.kind), "apiVersion": .string(type.apiVersion), "metadata": [:], "spec": spec]
            out = Patching.recordUpdate(old: nil, new: out, manager: (try? writeContext("CreateOptions").manager) ?? "unknown",
                                        subresource: nil, schema: .builtin(apiVersion: type.apiVersion, kind: type.kind), now: stamp)
            out["status"] = status
            return .json(201, Ordering.builtin(out))
        case "selfsubjectrulesreviews":
            let namespace = body[path: "spec", "namespace"]?.stringValue ?? ""
            let rules = await cluster.rules(for: user, namespace: namespace)
            let resourceRules: [JSONValue] = rules.filter { !$0.resources.isEmpty }.map { r in
                var rule: JSONValue = ["verbs": .array(r.verbs.map(JSONValue.string)), "apiGroups": .array(r.apiGroups.map(JSONValue.string)),
                                       "resources": .array(r.resources.map(JSONValue.string))]
                if !r.resourceNames.isEmpty { rule["resourceNames"] = .array(r.resourceNames.map(JSONValue.string)) }
                return rule
            }
            let nonResource: [JSONValue] = rules.filter { !$0.nonResourceURLs.isEmpty }.map { r in
                ["verbs": .array(r.verbs.map(JSONValue.string)), "nonResourceURLs": .array(r.nonResourceURLs.map(JSONValue.string))]
            } + [["verbs": ["get"], "nonResourceURLs": ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"]]]
            return .json(201, ["kind": "SelfSubjectRulesReview", "apiVersion": .string(type.apiVersion), "metadata": [:], "spec": [:],
                               "status": ["resourceRules": .array(resourceRules), "nonResourceRules": .array(nonResource), "incomplete": false]])
        case "tokenreviews":
            let token = body[path: "spec", "token"]?.stringValue
            var status: JSONValue = ["authenticated": false]
            if case .some(.some(let info)) = await cluster.authenticate(bearer: token, certificate: nil) {
                status = ["authenticated": true, "user": Self.userInfo(info)]
            }
            return .json(201, ["kind": "TokenReview", "apiVersion": .string(type.apiVersion),
                               "metadata": ["creationTimestamp": .null], "spec": body["spec"] ?? [:], "status": status])
        default:
            throw APIError.methodNotAllowed()
        }
    }

    static func userInfo(_ user: UserInfo) -> JSONValue {
        var info: JSONValue = ["username": .string(user.name)]
        if !user.uid.isEmpty { info["uid"] = .string(user.uid) }
        info["groups"] = .array(user.groups.map(JSONValue.string))
        if !user.extra.isEmpty {
            var extra: JSONValue = [:]
            // Go encodes a map with its keys sorted.
            for (k, v) in user.extra.sorted(by: { $0.key < $1.key }) { extra[k] = .array(v.map(JSONValue.string)) }
            info["extra"] = extra
        }
        return info
    }

    private func tokenRequest(namespace: String, name: String) async throws(APIError) -> APIResponse {
        guard let serviceAccounts = await cluster.resolve(group: "", version: "v1", resource: "serviceaccounts") else { throw APIError.pageNotFound }
        let account = try await cluster.get(type: serviceAccounts, namespace: namespace, name: name)
        let body = (try? parseBody(serviceAccounts)) ?? [:]
        let uid = account[path: "metadata", "uid"]?.stringValue ?? ""
        let claims = try await cluster.serviceAccountTokenClaims(namespace: namespace, boundObjectRef: body[path: "spec", "boundObjectRef"])
        let token = await cluster.issueServiceAccountToken(namespace: namespace, name: name, uid: uid, claims: claims)
        let seconds = body[path: "spec", "expirationSeconds"]?.intValue ?? 3600
        let now = handler.now()
        var response: JSONValue = [
            "kind": "TokenRequest", "apiVersion": "authentication.k8s.io/v1",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "uid": .string(uid),
                         "creationTimestamp": .string(Timestamps.time(now))],
            "spec": ["audiences": body[path: "spec", "audiences"] ?? ["https://kubernetes.default.svc"],
                     "expirationSeconds": .int(seconds), "boundObjectRef": body[path: "spec", "boundObjectRef"] ?? .null],
            "status": ["token": .string(token),
                       "expirationTimestamp": .string(Timestamps.time(now.addingTimeInterval(TimeInterval(seconds))))],
        ]
        response[path: "metadata", "managedFields"] = TokenRequestManagedFields.entries(
            requestBody: body, manager: (try? writeContext("CreateOptions").manager) ?? "unknown", now: Timestamps.time(now))
        return .json(201, response)
    }
}
