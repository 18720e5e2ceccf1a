public import Foundation
import JSON
import YAML

/// A kubeconfig file (or several merged), as kubectl reads it.
///
/// Only what a client needs is kept: clusters, users, contexts and the
/// current context. Relative file paths are resolved against the directory of
/// the file that named them, as kubectl does.
public struct KubeConfig: Sendable, Equatable {
    public struct Cluster: Sendable, Equatable {
        public var server: String
        public var certificateAuthority: String?
        public var certificateAuthorityData: [UInt8]?
        public var insecureSkipTLSVerify: Bool = false
        public var tlsServerName: String?
        public var proxyURL: String?
    }

    public struct User: Sendable, Equatable {
        public var token: String?
        public var tokenFile: String?
        public var clientCertificate: String?
        public var clientCertificateData: [UInt8]?
        public var clientKey: String?
        public var clientKeyData: [UInt8]?
        public var exec: ExecConfig?
        public var username: String?
        public var password: String?
    }

    /// `users[].user.exec`: a client-go credential plugin.
    public struct ExecConfig: Sendable, Equatable {
        public var command: String
        public var args: [String] = []
        public var env: [(name: String, value: String)] = []
        public var apiVersion: String
        public var installHint: String?
        public var provideClusterInfo: Bool = false
        public var interactiveMode: String?

        public static func == (a: ExecConfig, b: ExecConfig) -> Bool {
            a.command == b.command && a.args == b.args && a.apiVersion == b.apiVersion
                && a.env.map { "\($0.name)=\($0.value)" } == b.env.map { "\($0.name)=\($0.value)" }
                && a.installHint == b.installHint && a.provideClusterInfo == b.provideClusterInfo
        }
    }

    public struct Context: Sendable, Equatable {
        public var cluster: String
        public var user: String
        public var namespace: String?
    }

    public var clusters: [String: Cluster] = [:]
    public var users: [String: User] = [:]
    public var contexts: [String: Context] = [:]
    public var currentContext: String?

    public init() {}

    /// Loads and merges the files the way kubectl merges `KUBECONFIG`: for each
    /// named cluster, user and context, and for `current-context`, the first
    /// file that sets it wins. Missing files in the list are skipped, as kubectl does,
    /// but at least one must exist.
    public static func load(paths: [String]) throws(KubeError) -> KubeConfig {
        var merged = KubeConfig()
        var loaded = 0
        for path in paths where !path.isEmpty {
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let one = try parse(fileAt: path)
            loaded += 1
            for (k, v) in one.clusters where merged.clusters[k] == nil { merged.clusters[k] = v }
            for (k, v) in one.users where merged.users[k] == nil { merged.users[k] = v }
            for (k, v) in one.contexts where merged.contexts[k] == nil { merged.contexts[k] = v }
            if merged.currentContext == nil, let c = one.currentContext, !c.isEmpty { merged.currentContext = c }
        }
        guard loaded > 0 else {
            throw .configuration("no kubeconfig found: none of \(paths.joined(separator: ", ")) exists")
        }
        return merged
    }

    /// Parses one kubeconfig file. Errors name the file and the field.
    public static func parse(fileAt path: String) throws(KubeError) -> KubeConfig {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .configuration("kubeconfig \(path): cannot read: \(error.localizedDescription)")
        }
        let base = (path as NSString).deletingLastPathComponent
        return try parse(text, source: path, baseDirectory: base)
    }

    /// Parses kubeconfig text; `source` names it in errors.
    public static func parse(_ text: String, source: String, baseDirectory: String) throws(KubeError) -> KubeConfig {
        let root: JSONValue
        do { root = try YAML.parse(text) } catch {
            throw .configuration("kubeconfig \(source): \(error)")
        }
        let reader = FieldReader(source: "kubeconfig \(source)", base: baseDirectory)
        if root.isNull { return KubeConfig() }
        guard case .object = root else { throw .configuration("kubeconfig \(source): expected a mapping at the top level, found \(root.typeName)") }
        var config = KubeConfig()
        config.currentContext = try reader.string(root, "current-context", at: "current-context")

        for (i, item) in try reader.array(root, "clusters", at: "clusters").enumerated() {
            let at = "clusters[\(i)]"
            let name = try reader.requiredString(item, "name", at: at)
            guard let c = item["cluster"], case .object = c else {
                throw .configuration("kubeconfig \(source): \(at).cluster: required mapping is missing")
            }
            let cat = "\(at).cluster"
            var cluster = Cluster(server: try reader.requiredString(c, "server", at: cat))
            cluster.certificateAuthority = try reader.path(c, "certificate-authority", at: cat)
            cluster.certificateAuthorityData = try reader.base64(c, "certificate-authority-data", at: cat)
            cluster.insecureSkipTLSVerify = try reader.bool(c, "insecure-skip-tls-verify", at: cat) ?? false
            cluster.tlsServerName = try reader.string(c, "tls-server-name", at: cat)
            cluster.proxyURL = try reader.string(c, "proxy-url", at: cat)
            config.clusters[name] = cluster
        }
        for (i, item) in try reader.array(root, "users", at: "users").enumerated() {
            let at = "users[\(i)]"
            let name = try reader.requiredString(item, "name", at: at)
            let u = item["user"] ?? .emptyObject
            let uat = "\(at).user"
            var user = User()
            user.token = try reader.string(u, "token", at: uat)
            user.tokenFile = try reader.path(u, "tokenFile", at: uat)
            user.clientCertificate = try reader.path(u, "client-certificate", at: uat)
            user.clientCertificateData = try reader.base64(u, "client-certificate-data", at: uat)
            user.clientKey = try reader.path(u, "client-key", at: uat)
            user.clientKeyData = try reader.base64(u, "client-key-data", at: uat)
            user.username = try reader.string(u, "username", at: uat)
            user.password = try reader.string(u, "password", at: uat)
            if let e = u["exec"], !e.isNull {
                let eat = "\(uat).exec"
                var exec = ExecConfig(command: try reader.requiredString(e, "command", at: eat),
                                      apiVersion: try reader.requiredString(e, "apiVersion", at: eat))
                guard ExecCredentialPlugin.supportedVersions.contains(exec.apiVersion) else {
                    throw .configuration("kubeconfig \(source): \(eat).apiVersion: unsupported \"\(exec.apiVersion)\"; supported: \(ExecCredentialPlugin.supportedVersions.joined(separator: ", "))")
                }
                // A relative command path with a slash is relative to the kubeconfig's directory.
                if exec.command.contains("/"), !exec.command.hasPrefix("/") {
                    exec.command = (baseDirectory as NSString).appendingPathComponent(exec.command)
                }
                for (j, a) in try reader.array(e, "args", at: eat).enumerated() {
                    guard let s = a.stringValue else { throw .configuration("kubeconfig \(source): \(eat).args[\(j)]: expected a string, found \(a.typeName)") }
                    exec.args.append(s)
                }
                for (j, v) in try reader.array(e, "env", at: eat).enumerated() {
                    exec.env.append((try reader.requiredString(v, "name", at: "\(eat).env[\(j)]"),
                                     try reader.string(v, "value", at: "\(eat).env[\(j)]") ?? ""))
                }
                exec.installHint = try reader.string(e, "installHint", at: eat)
                exec.provideClusterInfo = try reader.bool(e, "provideClusterInfo", at: eat) ?? false
                exec.interactiveMode = try reader.string(e, "interactiveMode", at: eat)
                user.exec = exec
            }
            config.users[name] = user
        }
        for (i, item) in try reader.array(root, "contexts", at: "contexts").enumerated() {
            let at = "contexts[\(i)]"
            let name = try reader.requiredString(item, "name", at: at)
            let c = item["context"] ?? .emptyObject
            let cat = "\(at).context"
            config.contexts[name] = Context(cluster: try reader.requiredString(c, "cluster", at: cat),
                                            user: try reader.string(c, "user", at: cat) ?? "",
                                            namespace: try reader.string(c, "namespace", at: cat))
        }
        return config
    }
}

/// Reads typed fields out of a parsed kubeconfig with errors that name the field.
struct FieldReader {
    let source: String
    let base: String

    func fail(_ at: String, _ message: String) -> KubeError { .configuration("\(source): \(at): \(message)") }

    func string(_ v: JSONValue, _ key: String, at: String) throws(KubeError) -> String? {
        guard let f = v[key], !f.isNull else { return nil }
        guard let s = f.stringValue else { throw fail("\(at).\(key)".trimmingLeadingDot, "expected a string, found \(f.typeName)") }
        return s
    }

    func requiredString(_ v: JSONValue, _ key: String, at: String) throws(KubeError) -> String {
        guard let s = try string(v, key, at: at), !s.isEmpty else { throw fail("\(at).\(key)", "required field is missing") }
        return s
    }

    func bool(_ v: JSONValue, _ key: String, at: String) throws(KubeError) -> Bool? {
        guard let f = v[key], !f.isNull else { return nil }
        guard let b = f.boolValue else { throw fail("\(at).\(key)", "expected true or false, found \(f.typeName)") }
        return b
    }

    func array(_ v: JSONValue, _ key: String, at: String) throws(KubeError) -> [JSONValue] {
        guard let f = v[key], !f.isNull else { return [] }
        guard let a = f.arrayValue else { throw fail(at, "expected a list, found \(f.typeName)") }
        return a
    }

    func base64(_ v: JSONValue, _ key: String, at: String) throws(KubeError) -> [UInt8]? {
        guard let s = try string(v, key, at: at) else { return nil }
        guard let d = Data(base64Encoded: s.filter { !$0.isWhitespace }) else {
            throw fail("\(at).\(key)", "not valid base64")
        }
        return [UInt8](d)
    }

    /// A file path, made absolute against the kubeconfig's directory.
    func path(_ v: JSONValue, _ key: String, at: String) throws(KubeError) -> String? {
        guard let p = try string(v, key, at: at), !p.isEmpty else { return nil }
        if p.hasPrefix("/") { return p }
        if p.hasPrefix("~/") { return NSHomeDirectory() + String(p.dropFirst(1)) }
        return (base as NSString).appendingPathComponent(p)
    }
}

extension String {
    var trimmingLeadingDot: String { hasPrefix(".") ? String(dropFirst()) : self }
}
