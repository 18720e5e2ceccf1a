import Foundation
import JSON

/// Everything the kernel API stand-in knows, guarded by one `Mutex`; the rules that
/// decide an answer live here as plain mutating methods.
struct KernelAPIState {
    /// A failure probability with its own seeded generator.
    struct FailureRate {
        var probability: Double
        var failure: InjectedFailure
        var generator: SeededGenerator
    }

    /// Up, down, or alternating by calls.
    enum Availability: Equatable {
        case up
        case down(status: Int)
        /// `up` calls answered normally, then `down` calls answered `status`, repeating;
        /// `position` counts calls into the current cycle.
        case flapping(up: Int, down: Int, status: Int, position: Int)
    }

    /// The webhook target.
    struct Webhook: Sendable {
        var url: String
        var delay: Duration
        var outcome: WebhookOutcome
        var token: String?
    }

    /// What happens to a request on arrival.
    struct Arrival {
        var latency: Duration
        var hangs: Bool
    }

    /// The answer of an applied operation, and whether a new kernel was created.
    struct Applied {
        var status: Int
        var body: JSONValue
        var createdKernel: String?
    }

    /// Requests kept for ``KernelAPIStandIn/requests``; older ones are dropped so that a
    /// long-running sandbox does not grow without bound.
    static let requestLogLimit = 1000

    var token: String?
    var defaults: KernelDefaults
    var duplicatePolicy: DuplicateCreatePolicy = .returnExisting
    var kernels: [String: KernelRecord] = [:]

    var calls: [KernelOperation: Int] = [:]
    var createsByContext: [String: Int] = [:]
    var requests: [RecordedRequest] = []
    var lastRequests: [KernelOperation: RecordedRequest] = [:]

    var latency: [KernelOperation: Duration] = [:]
    var failures: [KernelOperation: [InjectedFailure]] = [:]
    var failuresAfterApplying: [KernelOperation: [InjectedFailure]] = [:]
    var failureRates: [KernelOperation: FailureRate] = [:]
    var pendingHangs: [KernelOperation: Int] = [:]
    var availability: Availability = .up

    var hung = WaiterList<KernelOperation, Bool>()
    var conditionWaiters = WaiterList<@Sendable (KernelAPIState) -> Bool, Void>()

    var webhook: Webhook?
    var webhookOverrides: [String: WebhookOutcome] = [:]
    var webhookTasks: [UInt64: Task<Void, Never>] = [:]
    var nextWebhookID: UInt64 = 0
    var deliveries: [WebhookDelivery] = []

    init(token: String?, defaults: KernelDefaults) {
        self.token = token
        self.defaults = defaults
    }

    /// Counts and records a request, and says how long it waits and whether it hangs.
    mutating func arrive(_ operation: KernelOperation, _ request: RecordedRequest) -> Arrival {
        calls[operation, default: 0] += 1
        requests.append(request)
        if requests.count > Self.requestLogLimit { requests.removeFirst(requests.count - Self.requestLogLimit) }
        lastRequests[operation] = request
        var hangs = false
        if let pending = pendingHangs[operation], pending > 0 {
            pendingHangs[operation] = pending - 1
            hangs = true
        }
        return Arrival(latency: latency[operation] ?? .zero, hangs: hangs)
    }

    /// The answer that stops a request before it reaches the kernels: the service being
    /// down (or flapping), or an injected failure. (Faults come before the token check, so
    /// that "fail the next N calls" means the next N calls, whatever they carry.)
    mutating func rejection(_ operation: KernelOperation) -> InjectedFailure? {
        if let down = takeAvailability() { return down }
        if var queue = failures[operation], !queue.isEmpty {
            let failure = queue.removeFirst()
            failures[operation] = queue
            return failure
        }
        if var rate = failureRates[operation] {
            let roll = Double.random(in: 0..<1, using: &rate.generator)
            failureRates[operation] = rate
            if roll < rate.probability { return rate.failure }
        }
        return nil
    }

    /// Whether `authorization` passes: always without a token, else it must be `Bearer <token>`.
    func isAuthorized(_ authorization: String?) -> Bool {
        guard let token else { return true }
        return Self.bearer(authorization, matches: token)
    }

    /// Advances flapping by one call; returns the down answer when the service is down.
    private mutating func takeAvailability() -> InjectedFailure? {
        let unavailable = { (status: Int) in
            InjectedFailure(status: status, body: #"{"message":"Service Unavailable"}"#)
        }
        switch availability {
        case .up:
            return nil
        case .down(let status):
            return unavailable(status)
        case .flapping(let up, let down, let status, let position):
            availability = .flapping(up: up, down: down, status: status, position: (position + 1) % (up + down))
            return position < up ? nil : unavailable(status)
        }
    }

    /// `Authorization: Bearer <token>`, scheme case-insensitive (RFC 6750).
    static func bearer(_ header: String?, matches token: String) -> Bool {
        guard let header else { return false }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        return parts[1].trimmingCharacters(in: .whitespaces) == token
    }

    /// The failure that replaces the answer of an applied call, if one is queued.
    mutating func takeFailureAfterApplying(_ operation: KernelOperation) -> InjectedFailure? {
        guard var queue = failuresAfterApplying[operation], !queue.isEmpty else { return nil }
        let failure = queue.removeFirst()
        failuresAfterApplying[operation] = queue
        return failure
    }

    /// `POST /api/kernel/create` on a valid body.
    mutating func create(_ request: KernelCreateRequest, now: Date) -> Applied {
        let id = request.contextId
        createsByContext[id, default: 0] += 1
        if let existing = kernels[id] {
            switch duplicatePolicy {
            case .returnExisting:
                return Applied(status: 200, body: existing.responseBody, createdKernel: nil)
            case .conflict:
                return Applied(
                    status: 409,
                    body: ["message": "Kernel already exists", "contextId": .string(id)],
                    createdKernel: nil
                )
            }
        }
        let pluginNames = request.enabledPlugins ?? []
        let record = KernelRecord(
            contextId: id,
            userId: defaults.userId,
            lastAccessTime: now,
            completionModelId: request.completionOptions?.modelId ?? defaults.completionModelId,
            temperature: request.completionOptions?.temperature ?? defaults.temperature,
            maxTokens: request.completionOptions?.maxTokens ?? defaults.maxTokens,
            embeddingModelId: request.embeddingOptions?.modelId,
            plugins: pluginNames.map { KernelPlugin(name: $0, functions: defaults.pluginFunctions[$0] ?? []) },
            createRequest: request.body
        )
        kernels[id] = record
        return Applied(status: 201, body: record.responseBody, createdKernel: id)
    }

    /// `GET /api/kernel/info?contextId=`: refreshes `lastAccessTime`.
    mutating func info(contextId: String, now: Date) -> Applied {
        guard var record = kernels[contextId] else { return Self.notFound(contextId) }
        record.lastAccessTime = now
        kernels[contextId] = record
        return Applied(status: 200, body: record.responseBody, createdKernel: nil)
    }

    /// `DELETE /api/kernel/release?contextId=`.
    mutating func release(contextId: String) -> Applied {
        guard kernels.removeValue(forKey: contextId) != nil else { return Self.notFound(contextId) }
        return Applied(
            status: 200,
            body: ["message": "Kernel released", "contextId": .string(contextId)],
            createdKernel: nil
        )
    }

    private static func notFound(_ contextId: String) -> Applied {
        Applied(status: 404, body: ["message": "Kernel not found", "contextId": .string(contextId)], createdKernel: nil)
    }

    /// The webhook body of the seed: `{channelId, event, status, error}`.
    static func webhookBody(contextId: String, outcome: WebhookOutcome) -> JSONValue? {
        switch outcome {
        case .created:
            return [
                "channelId": .string(contextId), "event": "qdrant-collection-created", "status": "created",
                "error": .null,
            ]
        case .failed(let error):
            return [
                "channelId": .string(contextId), "event": "qdrant-collection-failed", "status": "failed",
                "error": .string(error),
            ]
        case .silent:
            return nil
        }
    }
}
