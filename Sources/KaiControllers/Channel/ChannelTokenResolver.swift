import Foundation
import JSON
import KaiAPI
import KubeClient
import Synchronization

/// Reads bearer tokens: the operator-wide and webhook ``ChannelTokenSource``s, and a Channel's
/// `authSecretRef`.
///
/// Channel Secrets are read with a GET at each use rather than cached: the operator caches
/// only Secrets' metadata (to notice changes), so it never holds every Secret of the cluster
/// in memory, and a token is never stale. The `.secret` source of the webhook token, which is
/// read for every webhook request, is cached for ``secretTTL``.
final class ChannelTokenResolver: Sendable {
    let client: KubeClient
    let now: @Sendable () -> Date
    let secretTTL: TimeInterval
    let cached = Mutex<[String: (token: String, readAt: Date)]>([:])

    init(client: KubeClient, now: @escaping @Sendable () -> Date, secretTTL: TimeInterval = 10) {
        self.client = client
        self.now = now
        self.secretTTL = secretTTL
    }

    /// The token of `source`; nil for `.none`.
    func token(_ source: ChannelTokenSource) async throws(ChannelTokenError) -> String? {
        switch source {
        case .none:
            return nil
        case .value(let token):
            return token
        case .file(let path):
            do {
                return try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw .unreadableFile(path: path, reason: (error as NSError).localizedDescription)
            }
        case .secret(let namespace, let name, let key):
            let cacheKey = "\(namespace)/\(name)#\(key)"
            let time = now()
            if let hit = cached.withLock({ $0[cacheKey] }), time.timeIntervalSince(hit.readAt) < secretTTL { return hit.token }
            let token = try await secretValue(namespace: namespace, name: name, key: key)
            cached.withLock { $0[cacheKey] = (token, time) }
            return token
        }
    }

    /// The token a Channel's `authSecretRef` points at.
    func token(namespace: String, reference: ChannelSecretKeyRef) async throws(ChannelTokenError) -> String {
        try await secretValue(namespace: namespace, name: reference.name, key: reference.key)
    }

    func secretValue(namespace: String, name: String, key: String) async throws(ChannelTokenError) -> String {
        let secret: JSONValue
        do {
            secret = try await client.get(.secrets, name: name, namespace: namespace)
        } catch where error.isNotFound {
            throw .secretNotFound(namespace: namespace, name: name)
        } catch {
            throw .api(namespace: namespace, name: name, error)
        }
        guard let encoded = secret[path: "data", key]?.stringValue, let data = Data(base64Encoded: encoded) else {
            throw .keyMissing(namespace: namespace, name: name, key: key)
        }
        // Tokens written with `echo` end in a newline that must not reach the header.
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
