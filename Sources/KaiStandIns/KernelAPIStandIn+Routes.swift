import Foundation
import Hummingbird
import JSON

extension KernelAPIStandIn {
    /// The three routes of the seed's `KernelService`.
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.post(RouterPath(KernelOperation.create.path)) { request, _ in
            try await self.handle(.create, request)
        }
        router.get(RouterPath(KernelOperation.info.path)) { request, _ in
            try await self.handle(.info, request)
        }
        router.delete(RouterPath(KernelOperation.release.path)) { request, _ in
            try await self.handle(.release, request)
        }
        return router
    }

    /// One call: record, wait (latency, hang), gate (availability, faults, token),
    /// validate, apply, and maybe lose the answer.
    func handle(_ operation: KernelOperation, _ incoming: Request) async throws -> Response {
        var request = incoming
        let body = try await request.collectBody(upTo: Self.maxBodyBytes)
        let arrival = mutate { $0.arrive(operation, RecordedRequest(request, body: body)) }
        if arrival.latency > .zero {
            try await clock.sleep(for: arrival.latency)
        }
        if arrival.hangs {
            // Aborted (stop or cancellation): there is no answer to give.
            guard try await waitWhileHung(operation) else { throw CancellationError() }
        }
        if let failure = mutate({ $0.rejection(operation) }) {
            logger.debug("\(operation): injected \(failure.status)")
            return HTTPReply.text(failure.status, failure.body)
        }
        let authorization = request.headers[.authorization]
        guard state.withLock({ $0.isAuthorized(authorization) }) else {
            return HTTPReply.message(401, "Unauthorized", headers: [.wwwAuthenticate: "Bearer"])
        }

        let applied: KernelAPIState.Applied
        let lost: InjectedFailure?
        let now = self.now()
        switch operation {
        case .create:
            let createRequest: KernelCreateRequest
            do {
                createRequest = try KernelCreateRequest(body: Array(buffer: body))
            } catch {
                return HTTPReply.message(400, error.message)
            }
            (applied, lost) = mutate { ($0.create(createRequest, now: now), $0.takeFailureAfterApplying(.create)) }
        case .info, .release:
            let query = FormParameters(encoded: request.uri.query ?? "")
            guard let contextId = query["contextId"], !contextId.isEmpty else {
                return HTTPReply.message(400, "Missing required query parameter contextId")
            }
            (applied, lost) = mutate { state in
                let applied = operation == .info
                    ? state.info(contextId: contextId, now: now) : state.release(contextId: contextId)
                return (applied, state.takeFailureAfterApplying(operation))
            }
        }
        if let contextId = applied.createdKernel {
            logger.info("kernel created for contextId \(contextId)")
            scheduleWebhook(for: contextId)
        }
        if let lost {
            logger.debug("\(operation): applied, answer replaced by injected \(lost.status)")
            return HTTPReply.text(lost.status, lost.body)
        }
        return HTTPReply.json(applied.status, applied.body)
    }

    /// Suspends until ``releaseHung(_:)`` (true), or until stopped or cancelled (false).
    private func waitWhileHung(_ operation: KernelOperation) async throws -> Bool {
        let id = mutate { $0.hung.makeID() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Bool, any Error>) in
                let added = mutate { $0.hung.add(id, tag: operation, continuation) }
                if !added { continuation.resume(returning: false) }
            }
        } onCancel: {
            mutate { $0.hung.cancel(id) }?.resume(returning: false)
        }
    }
}
