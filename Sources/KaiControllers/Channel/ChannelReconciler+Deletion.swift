import Foundation
import JSON
import KaiAPI
import KubeClient
import KubeReconcile

extension ChannelReconciler {
    /// A Channel being deleted: release its kernel, then remove the finalizer.
    ///
    /// - 2xx or 404 from release removes the finalizer (404: there was nothing to release).
    /// - Any other failure keeps the finalizer, records a Warning event and `kernelError`, and
    ///   tries again after the Channel's retry backoff, for as long as it takes.
    /// - `kai.dev/skip-release: "true"` removes the finalizer without calling the kernel API.
    ///
    /// Reads `spec.kernelAPI` straight from the JSON, so even a Channel whose spec no longer
    /// decodes can be deleted.
    func finalize(_ run: inout ChannelRun) async throws -> ReconcileResult {
        guard let uid = run.uid, (run.meta.finalizers ?? []).contains(Channel.finalizer) else { return .done }
        if run.meta.annotations?[Channel.skipReleaseAnnotation] == "true" {
            try await removeFinalizer(&run, uid: uid)
            event(run, .normal, Channel.Reason.kernelReleaseSkipped, action: "ReleaseKernel",
                  note: "\(Channel.skipReleaseAnnotation) is \"true\": the kernel for contextId \(uid) was not released")
            return .done
        }
        if let notBefore = memory.entry(uid).releaseNotBefore, notBefore > run.now {
            return .requeueAfter(Self.duration(from: run.now, to: notBefore))
        }
        let baseURL = run.object[path: "spec", "kernelAPI", "url"]?.stringValue ?? options.kernelAPIURL
        let token = try await releaseToken(run, uid: uid)
        let outcome: KernelAPIClient.ReleaseOutcome
        do {
            outcome = try await kernel.release(baseURL: baseURL, contextID: uid, token: token)
        } catch {
            let failures = memory.entry(uid).releaseFailures + 1
            let retry = (try? Channel.decode(run.object).spec.retry) ?? ChannelRetrySpec()
            let delay = ChannelBackoff.delay(retryCount: failures, retry: retry, jitter: options.retryJitter, random: random())
            let notBefore = run.now.addingTimeInterval(ChannelStatusBuilder.seconds(delay))
            memory.update(uid) { entry in
                entry.releaseFailures = failures
                entry.releaseNotBefore = notBefore
            }
            let message = "Releasing the kernel failed: \(error)"
            try await writeStatus(&run, generation: nil) { $0.releaseFailed(error: message) }
            event(run, .warning, Channel.Reason.kernelReleaseFailed, action: "ReleaseKernel",
                  note: "\(message); retrying in \(Self.describe(delay)). To delete the Channel without releasing, "
                      + "annotate it \(Channel.skipReleaseAnnotation)=true")
            return .requeueAfter(delay)
        }
        try await removeFinalizer(&run, uid: uid)
        let note = outcome == .released ? "Released the kernel for contextId \(uid)"
            : "No kernel for contextId \(uid) in \(baseURL) (404): nothing to release"
        event(run, .normal, Channel.Reason.kernelReleased, action: "ReleaseKernel", note: note)
        return .done
    }

    func removeFinalizer(_ run: inout ChannelRun, uid: String) async throws {
        if let remaining = try await Finalizers.remove(Channel.finalizer, from: run.object, resource: Channel.resource, client: client) {
            run.object = remaining
            writes.record(remaining, now: now())
        } else {
            writes.recordDeleted(uid: uid, now: now())
        }
        memory.forget(uid)
    }

    /// The Channel's token for the release. A Secret that is gone by now (deleted together with
    /// the namespace) falls back to the token last used, then to the operator-wide one.
    func releaseToken(_ run: ChannelRun, uid: String) async throws -> String? {
        if let name = run.object[path: "spec", "kernelAPI", "authSecretRef", "name"]?.stringValue {
            let key = run.object[path: "spec", "kernelAPI", "authSecretRef", "key"]?.stringValue ?? ChannelSecretKeyRef.defaultKey
            let result: Result<String, ChannelTokenError>
            do {
                result = .success(try await tokens.token(namespace: run.namespace, reference: ChannelSecretKeyRef(name: name, key: key)))
            } catch {
                result = .failure(error)
            }
            switch result {
            case .success(let token):
                return token
            case .failure(let error) where error.needsUserAction:
                if let last = memory.entry(uid).lastToken { return last }
                run.logger.warning("the token Secret is gone; releasing with the operator-wide token", metadata: ["error": "\(error)"])
            case .failure(let error):
                throw error
            }
        }
        return try await tokens.token(options.kernelAPIToken)
    }
}
