import Foundation
import Testing
@testable import KubeClient

@Suite struct KubeConfigTests {
    let sample = """
    apiVersion: v1
    kind: Config
    current-context: dev
    clusters:
    - name: dev-cluster
      cluster:
        server: https://127.0.0.1:6443
        certificate-authority: ca.crt
        tls-server-name: kubernetes
    - name: prod-cluster
      cluster:
        server: https://prod.example.com
        insecure-skip-tls-verify: true
    users:
    - name: dev-user
      user:
        token: abc
    - name: cert-user
      user:
        client-certificate-data: Y2VydA==
        client-key-data: a2V5
    contexts:
    - name: dev
      context: {cluster: dev-cluster, user: dev-user, namespace: team-a}
    - name: prod
      context: {cluster: prod-cluster, user: cert-user}
    """

    @Test func resolvesCurrentContext() throws {
        let dir = try TemporaryDirectory()
        try dir.write("ca.crt", "CA-PEM")
        let path = try dir.write("config", sample)
        let config = try ClientConfiguration.load(kubeconfig: path, environment: .init(variables: [:]))
        #expect(config.server == "https://127.0.0.1:6443")
        #expect(config.namespace == "team-a")
        #expect(config.tls.caPEM == Array("CA-PEM".utf8)) // relative to the kubeconfig's directory
        #expect(config.tls.serverName == "kubernetes")
        guard case .bearerToken("abc") = config.credentials else { Issue.record("expected a token"); return }
    }

    @Test func contextOverrideAndClientCertificates() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("config", sample)
        let config = try ClientConfiguration.load(kubeconfig: path, context: "prod", environment: .init(variables: [:]))
        #expect(config.tls.insecureSkipVerify)
        #expect(config.tls.clientCertificatePEM == Array("cert".utf8))
        #expect(config.tls.clientKeyPEM == Array("key".utf8))
        #expect(config.namespace == "default")
        guard case .clientCertificate = config.credentials else { Issue.record("expected client certificate auth"); return }
    }

    @Test func mergesKUBECONFIGFirstWins() throws {
        let dir = try TemporaryDirectory()
        let a = try dir.write("a", """
        current-context: ctx-a
        clusters: [{name: c, cluster: {server: "https://a:1"}}]
        users: [{name: u, user: {token: from-a}}]
        contexts: [{name: ctx-a, context: {cluster: c, user: u}}]
        """)
        let b = try dir.write("b", """
        current-context: ctx-b
        clusters: [{name: c, cluster: {server: "https://b:1"}}, {name: d, cluster: {server: "https://d:1"}}]
        users: [{name: u, user: {token: from-b}}]
        contexts: [{name: ctx-b, context: {cluster: d, user: u, namespace: nb}}]
        """)
        let env = ClientConfiguration.Environment(variables: ["KUBECONFIG": "\(a):/does/not/exist:\(b)"], homeDirectory: dir.path)
        let first = try ClientConfiguration.load(environment: env)
        #expect(first.server == "https://a:1")
        let second = try ClientConfiguration.load(context: "ctx-b", environment: env)
        #expect(second.server == "https://d:1")
        #expect(second.namespace == "nb")
        guard case .bearerToken("from-a") = second.credentials else { Issue.record("first file's user must win"); return }
    }

    @Test func inClusterReadsServiceAccountFiles() throws {
        let dir = try TemporaryDirectory()
        try dir.write("token", "sa-token\n")
        try dir.write("ca.crt", "CLUSTER-CA")
        try dir.write("namespace", "kai-system")
        let env = ClientConfiguration.Environment(
            variables: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
            homeDirectory: dir.path, serviceAccountDirectory: dir.path)
        let config = try ClientConfiguration.load(environment: env)
        #expect(config.server == "https://10.96.0.1:443")
        #expect(config.namespace == "kai-system")
        #expect(config.tls.caPEM == Array("CLUSTER-CA".utf8))
        guard case .tokenFile(let file) = config.credentials else { Issue.record("expected a token file"); return }
        #expect(file.hasSuffix("/token"))
    }

    @Test func explicitPathBeatsEnvironment() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("config", sample)
        try dir.write("ca.crt", "CA")
        let env = ClientConfiguration.Environment(variables: ["KUBECONFIG": "/nope", "KUBERNETES_SERVICE_HOST": "x"], homeDirectory: dir.path)
        #expect(try ClientConfiguration.load(kubeconfig: path, environment: env).server == "https://127.0.0.1:6443")
    }

    @Test func homeConfigIsTheLastResort() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.path + "/.kube", withIntermediateDirectories: true)
        try dir.write(".kube/config", sample)
        try dir.write(".kube/ca.crt", "CA")
        let config = try ClientConfiguration.load(environment: .init(variables: [:], homeDirectory: dir.path))
        #expect(config.source.contains(".kube/config"))
    }

    @Test(arguments: [
        ("clusters: [{name: c, cluster: {server: 'https://x'}}]\nusers: [{name: u, user: {client-certificate-data: '%%%'}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x",
         "users[0].user.client-certificate-data: not valid base64"),
        ("clusters: [{name: c, cluster: {}}]", "clusters[0].cluster.server: required field is missing"),
        ("clusters: {name: c}", "clusters: expected a list, found object"),
        ("current-context: x\nclusters: [{name: c, cluster: {server: 'https://x'}}]\ncontexts: [{name: x, context: {cluster: c, user: nobody}}]",
         "names user \"nobody\", which is not defined"),
        ("current-context: missing", "context \"missing\" not found"),
        ("clusters: [\n  {name: c", "kubeconfig"),
        ("users: [{name: u, user: {exec: {command: x, apiVersion: client.authentication.k8s.io/v1alpha1}}}]",
         "users[0].user.exec.apiVersion: unsupported"),
        ("current-context: x\nclusters: [{name: c, cluster: {server: 'ftp://x'}}]\ncontexts: [{name: x, context: {cluster: c}}]",
         "is not an http(s) URL"),
    ])
    func malformedKubeconfigNamesFileAndField(text: String, expected: String) async throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("bad-config", text)
        if let error = await expectKubeError({ _ = try ClientConfiguration.load(kubeconfig: path, environment: .init(variables: [:])) }) {
            #expect(error.description.contains(path), "\(error)")
            #expect(error.description.contains(expected), "\(error)")
        }
    }

    @Test func missingFileIsNamed() async throws {
        #expect(throws: KubeError.self) { try ClientConfiguration.load(kubeconfig: "/no/such/kubeconfig") }
        if let error = await expectKubeError({ _ = try ClientConfiguration.load(kubeconfig: "/no/such/kubeconfig") }) {
            #expect(error.description.contains("/no/such/kubeconfig"))
        }
    }
}
