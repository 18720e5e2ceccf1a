public import Foundation
import JSON

/// Runs a client-go credential plugin (`users[].user.exec`) and parses its
/// `ExecCredential`, for `client.authentication.k8s.io/v1` and `v1beta1`.
public struct ExecCredentialPlugin: Sendable {
    public static let supportedVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]

    /// What a plugin returned.
    public struct Credential: Sendable, Equatable {
        public var token: String?
        public var clientCertificatePEM: [UInt8]?
        public var clientKeyPEM: [UInt8]?
        /// nil: valid until a request gets 401.
        public var expiration: Date?
    }

    public var config: KubeConfig.ExecConfig
    /// Cluster info for `provideClusterInfo`.
    public var server: String
    public var caPEM: [UInt8]?

    public init(config: KubeConfig.ExecConfig, server: String, caPEM: [UInt8]?) {
        self.config = config
        self.server = server
        self.caPEM = caPEM
    }

    /// Runs the plugin once and returns its credential.
    public func run() async throws(KubeError) -> Credential {
        let output: [UInt8]
        do {
            output = try await Self.execute(command: config.command, args: config.args, environment: environment())
        } catch let failure as ExecFailure {
            var message = "exec credential plugin \(config.command): \(failure.message)"
            if let hint = config.installHint, failure.notFound { message += "\n\(hint)" }
            throw .configuration(message)
        } catch {
            throw .configuration("exec credential plugin \(config.command): \(error)")
        }
        return try parse(output)
    }

    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for (name, value) in config.env { env[name] = value }
        var spec: JSONValue = ["interactive": false]
        if config.provideClusterInfo {
            var cluster: JSONValue = ["server": .string(server)]
            if let ca = caPEM { cluster["certificate-authority-data"] = .string(Data(ca).base64EncodedString()) }
            spec["cluster"] = cluster
        }
        let info: JSONValue = ["apiVersion": .string(config.apiVersion), "kind": "ExecCredential", "spec": spec]
        env["KUBERNETES_EXEC_INFO"] = info.serialized()
        return env
    }

    func parse(_ output: [UInt8]) throws(KubeError) -> Credential {
        let name = "exec credential plugin \(config.command)"
        let value: JSONValue
        do { value = try JSONValue(parsing: output) } catch {
            throw .configuration("\(name): output is not an ExecCredential: \(error)")
        }
        guard value["kind"]?.stringValue == "ExecCredential" else {
            throw .configuration("\(name): output kind is \(value["kind"]?.description ?? "missing"), expected ExecCredential")
        }
        guard value["apiVersion"]?.stringValue == config.apiVersion else {
            throw .configuration("\(name): output apiVersion \(value["apiVersion"]?.description ?? "missing") does not match the configured \(config.apiVersion)")
        }
        guard let status = value["status"], case .object = status else {
            throw .configuration("\(name): output has no status")
        }
        var credential = Credential()
        credential.token = status["token"]?.stringValue
        credential.clientCertificatePEM = status["clientCertificateData"]?.stringValue.map { Array($0.utf8) }
        credential.clientKeyPEM = status["clientKeyData"]?.stringValue.map { Array($0.utf8) }
        if let exp = status["expirationTimestamp"]?.stringValue {
            guard let date = Timestamp.parse(exp) else {
                throw .configuration("\(name): status.expirationTimestamp \"\(exp)\" is not an RFC 3339 time")
            }
            credential.expiration = date
        }
        if (credential.clientCertificatePEM == nil) != (credential.clientKeyPEM == nil) {
            throw .configuration("\(name): status must set both clientCertificateData and clientKeyData, or neither")
        }
        if credential.token == nil && credential.clientCertificatePEM == nil {
            throw .configuration("\(name): status has neither a token nor a client certificate")
        }
        return credential
    }

    struct ExecFailure: Error { var message: String; var notFound: Bool }

    /// Runs a process off the cooperative pool and collects its stdout.
    static func execute(command: String, args: [String], environment: [String: String]) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[UInt8], any Error>) in
            DispatchQueue.global().async {
                let process = Process()
                if command.contains("/") {
                    process.executableURL = URL(fileURLWithPath: command)
                } else {
                    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                }
                process.arguments = command.contains("/") ? args : [command] + args
                process.environment = environment
                let stdout = Pipe(), stderr = Pipe()
                process.standardOutput = stdout
                process.standardError = stderr
                process.standardInput = FileHandle.nullDevice
                do { try process.run() } catch {
                    continuation.resume(throwing: ExecFailure(message: "cannot start: \(error.localizedDescription)", notFound: true))
                    return
                }
                // Read before waiting so a chatty plugin cannot fill the pipe and block.
                let out = stdout.fileHandleForReading.readDataToEndOfFile()
                let err = stderr.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                if process.terminationStatus != 0 {
                    let text = String(decoding: err.prefix(2048), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    continuation.resume(throwing: ExecFailure(
                        message: "exited with status \(process.terminationStatus)\(text.isEmpty ? "" : ": \(text)")",
                        notFound: process.terminationStatus == 127))
                    return
                }
                continuation.resume(returning: [UInt8](out))
            }
        }
    }
}
