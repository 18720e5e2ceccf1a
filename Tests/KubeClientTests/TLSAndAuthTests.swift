import Foundation
import JSON
import SandboxTLS
import Testing
@testable import KubeClient
import KubeTransport

/// HTTPS with the configured CA, client certificates, expired certificates,
/// and exec credential plugins whose credentials expire.
@Suite struct TLSAndAuthTests {
    static let ca = try! CertificateAuthority.generate()

    static func kubeconfig(_ server: ScriptedServer, user: String) -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: test
        clusters:
        - name: test
          cluster:
            server: \(server.url)
            certificate-authority-data: \(Data(ca.certificatePEM.utf8).base64EncodedString())
        users:
        - name: test
          user:
        \(user)
        contexts:
        - name: test
          context: {cluster: test, user: test, namespace: kt}
        """
    }

    @Test func verifiesServerWithConfiguredCA() async throws {
        let tls = ScriptedServer.TLS(ca: Self.ca, server: try Self.ca.issueServer(), requireClientCertificate: false)
        try await withScriptedServer(tls: tls, { _ in .json(200, widgetJSON) }) { server in
            let dir = try TemporaryDirectory()
            let path = try dir.write("config", Self.kubeconfig(server, user: "    token: abc"))
            let kube = try KubeClient(configuration: try ClientConfiguration.load(kubeconfig: path))
            #expect(try await kube.get(Widget.self, name: "w1").metadata.name == "w1")

            // Another CA: verification fails with a clear transport error.
            var untrusted = try ClientConfiguration.load(kubeconfig: path)
            untrusted.tls.caPEM = Array(try CertificateAuthority.generate().certificatePEM.utf8)
            let other = try KubeClient(configuration: untrusted, clock: RecordingClock())
            if let error = await expectKubeError({ _ = try await other.get(Widget.self, name: "w1") }) {
                guard case .transport = error else { Issue.record("\(error)"); return }
                #expect(error.description.contains(server.url))
            }
        }
    }

    @Test func clientCertificateFromMemory() async throws {
        let tls = ScriptedServer.TLS(ca: Self.ca, server: try Self.ca.issueServer(), requireClientCertificate: true)
        let cert = try Self.ca.issueClient(user: "kai-operator", groups: ["kai"])
        try await withScriptedServer(tls: tls, { _ in .json(200, widgetJSON) }) { server in
            let dir = try TemporaryDirectory()
            let user = """
                client-certificate-data: \(Data(cert.certificatePEM.utf8).base64EncodedString())
                client-key-data: \(Data(cert.privateKeyPEM.utf8).base64EncodedString())
            """
            let path = try dir.write("config", Self.kubeconfig(server, user: user))
            let kube = try KubeClient(configuration: try ClientConfiguration.load(kubeconfig: path))
            #expect(try await kube.get(Widget.self, name: "w1").metadata.name == "w1")
            // No key file was written anywhere next to the kubeconfig.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["config"])

            // Without a certificate the TLS handshake is refused.
            let anonymous = try KubeClient(configuration: ClientConfiguration(server: server.url, tls: TLSOptions(caPEM: Array(Self.ca.certificatePEM.utf8))),
                                           clock: RecordingClock())
            if let error = await expectKubeError({ _ = try await anonymous.get(Widget.self, name: "w1") }) {
                guard case .transport = error else { Issue.record("\(error)"); return }
            }
        }
    }

    @Test func expiredServerCertificateIsRejected() async throws {
        let expired = try Self.ca.issueServer(validity: .expired())
        let tls = ScriptedServer.TLS(ca: Self.ca, server: expired, requireClientCertificate: false)
        try await withScriptedServer(tls: tls, { _ in .json(200, widgetJSON) }) { server in
            let kube = try KubeClient(configuration: ClientConfiguration(server: server.url, tls: TLSOptions(caPEM: Array(Self.ca.certificatePEM.utf8))),
                                      clock: RecordingClock())
            if let error = await expectKubeError({ _ = try await kube.get(Widget.self, name: "w1") }) {
                guard case .transport(let t) = error else { Issue.record("\(error)"); return }
                #expect(t.description.lowercased().contains("expired"), "\(t)")
            }
        }
    }

    /// The plugin hands out a token valid for a time; the client runs it again
    /// when the credential has expired and after a 401.
    @Test func execPluginRunsAgainWhenTheCredentialExpires() async throws {
        let dir = try TemporaryDirectory()
        let counter = dir.path + "/runs"
        let script = try dir.write("plugin.sh", """
        #!/bin/sh
        n=$(cat "\(counter)" 2>/dev/null || echo 0)
        n=$((n + 1))
        echo $n > "\(counter)"
        test "$(echo "$KUBERNETES_EXEC_INFO" | grep -c ExecCredential)" = 1 || exit 3
        echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"token-'$n'","expirationTimestamp":"2030-01-01T00:00:00Z"}}'
        """, executable: true)
        let now = Mutex(Timestamp.parse("2029-12-31T23:00:00Z")!)
        let revoked = Mutex<Set<String>>([])
        try await withScriptedServer({ r in
            let token = r.header("authorization") ?? ""
            if revoked.withLock({ $0.contains(token) }) {
                return .json(401, #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"#)
            }
            return .json(200, widgetJSON)
        }) { server in
            let exec = KubeConfig.ExecConfig(command: script, args: [], env: [], apiVersion: "client.authentication.k8s.io/v1")
            let config = ClientConfiguration(server: server.url, credentials: .exec(exec), namespace: "kt")
            let kube = try KubeClient(configuration: config, clock: RecordingClock(), now: { now.withLock { $0 } })
            _ = try await kube.get(Widget.self, name: "w1")
            _ = try await kube.get(Widget.self, name: "w1")
            #expect(server.requests.map { $0.header("authorization") } == ["Bearer token-1", "Bearer token-1"])
            // Past the expiry the plugin runs again.
            now.withLock { $0 = Timestamp.parse("2030-01-01T00:00:01Z")! }
            _ = try await kube.get(Widget.self, name: "w1")
            #expect(server.requests.last?.header("authorization") == "Bearer token-2")
            // A 401 refreshes and retries once.
            now.withLock { $0 = Timestamp.parse("2029-12-31T23:00:00Z")! }
            _ = revoked.withLock { $0.insert("Bearer token-2") }
            _ = try await kube.get(Widget.self, name: "w1")
            #expect(server.requests.suffix(2).map { $0.header("authorization") } == ["Bearer token-2", "Bearer token-3"])
        }
    }

    @Test func execPluginFailureIsClear() async throws {
        let dir = try TemporaryDirectory()
        let script = try dir.write("fail.sh", "#!/bin/sh\necho 'no credentials for you' >&2\nexit 2\n", executable: true)
        let exec = KubeConfig.ExecConfig(command: script, args: [], env: [], apiVersion: "client.authentication.k8s.io/v1beta1")
        let kube = try KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:1", credentials: .exec(exec)))
        if let error = await expectKubeError({ _ = try await kube.get(.namespaces, name: "x") }) {
            #expect(error.description.contains("exited with status 2"))
            #expect(error.description.contains("no credentials for you"))
        }
    }

    @Test func tokenFileIsReReadWhenItRotates() async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("token", "first\n")
        try await withScriptedServer({ _ in .json(200, widgetJSON) }) { server in
            let kube = try KubeClient(configuration: ClientConfiguration(server: server.url, credentials: .tokenFile(file), namespace: "kt"))
            _ = try await kube.get(Widget.self, name: "w1")
            try "second\n".write(toFile: file, atomically: true, encoding: .utf8)
            // Rotation writes a new file (a new inode and mtime), as the kubelet does.
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: file)
            _ = try await kube.get(Widget.self, name: "w1")
            #expect(server.requests.map { $0.header("authorization") } == ["Bearer first", "Bearer second"])
        }
    }
}

import Synchronization
