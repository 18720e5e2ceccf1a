import Foundation
import KubeTransport

/// Turns ``ClientConfiguration/Credentials`` into request headers, refreshing
/// what expires: token files are re-read when they change (service-account
/// tokens rotate about hourly), exec plugins run again when their credential
/// expires or after a 401.
actor Authenticator {
    /// What one request carries.
    struct Identity: Sendable, Equatable {
        var authorization: String?
        /// A client certificate from an exec plugin, when it differs from the configured one.
        var clientCertificatePEM: [UInt8]?
        var clientKeyPEM: [UInt8]?
    }

    private let credentials: ClientConfiguration.Credentials
    private let plugin: ExecCredentialPlugin?
    private let now: @Sendable () -> Date
    private var cachedFileToken: (token: String, modified: Date?)?
    private var cachedExec: ExecCredentialPlugin.Credential?
    private var execInFlight: Task<ExecCredentialPlugin.Credential, any Error>?

    init(configuration: ClientConfiguration, now: @escaping @Sendable () -> Date = { Date() }) {
        credentials = configuration.credentials
        self.now = now
        if case .exec(let exec) = configuration.credentials {
            plugin = ExecCredentialPlugin(config: exec, server: configuration.server, caPEM: configuration.tls.caPEM)
        } else {
            plugin = nil
        }
    }

    /// The identity for the next request.
    func identity() async throws(KubeError) -> Identity {
        switch credentials {
        case .none, .clientCertificate:
            return Identity()
        case .bearerToken(let token):
            return Identity(authorization: "Bearer \(token)")
        case .basic(let user, let password):
            return Identity(authorization: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        case .tokenFile(let path):
            return Identity(authorization: "Bearer \(try fileToken(path))")
        case .exec:
            let credential = try await execCredential()
            return Identity(authorization: credential.token.map { "Bearer \($0)" },
                            clientCertificatePEM: credential.clientCertificatePEM,
                            clientKeyPEM: credential.clientKeyPEM)
        }
    }

    /// Called after a 401: forget what may have been revoked so the next
    /// request fetches fresh credentials. Returns whether a retry can help.
    func invalidate() -> Bool {
        switch credentials {
        case .exec:
            cachedExec = nil
            return true
        case .tokenFile:
            cachedFileToken = nil
            return true
        default:
            return false
        }
    }

    private func fileToken(_ path: String) throws(KubeError) -> String {
        let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        if let cached = cachedFileToken, cached.modified == modified, modified != nil { return cached.token }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .configuration("token file \(path) cannot be read")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw .configuration("token file \(path) is empty") }
        cachedFileToken = (token, modified)
        return token
    }

    private func execCredential() async throws(KubeError) -> ExecCredentialPlugin.Credential {
        if let cached = cachedExec, cached.expiration.map({ $0 > now() }) ?? true { return cached }
        guard let plugin else { throw .configuration("exec credentials without a plugin") }
        // One plugin run serves every request waiting for it.
        let task: Task<ExecCredentialPlugin.Credential, any Error>
        if let running = execInFlight {
            task = running
        } else {
            task = Task { try await plugin.run() }
            execInFlight = task
        }
        do {
            let credential = try await task.value
            execInFlight = nil
            cachedExec = credential
            return credential
        } catch let error as KubeError {
            execInFlight = nil
            throw error
        } catch {
            execInFlight = nil
            throw .configuration("exec credential plugin: \(error)")
        }
    }
}
