import Foundation
import JSON
public import KaiCLI
import KaiControllers
import KubeReconcile
import Synchronization
public import KaiStandIns
import KubeClient
public import KubeTestServer
public import Logging
import YAML

/// Everything a first run needs, in one process: an in-memory API server that
/// kubectl can use, the kernel API and Prometheus stand-ins, and the CRDs.
///
/// The operator's controllers are wired in by the issues that add them.
public final class Sandbox: Sendable {
    /// What to start and where to write the kubeconfig.
    public struct Options: Sendable {
        /// Folder for the kubeconfig and the CA (created if missing).
        public var directory: String
        /// API server port (0: any free port).
        public var apiPort: Int
        public var kernelAPIPort: Int
        public var prometheusPort: Int
        /// Folders or files of CRDs to install at start.
        public var crdPaths: [String]
        /// Manifests to apply once everything runs.
        public var applyPaths: [String]
        /// Deployments become available, PVCs bind, as in a real cluster.
        public var workloadSimulation: Bool
        /// Run the operator's controllers in this process.
        public var runOperator: Bool
        /// The API server keeps its identity Lease renewed, as a real one does (a write every 10 s).
        public var identityLease: Bool

        public init(directory: String = ".kai-sandbox", apiPort: Int = 0, kernelAPIPort: Int = 0, prometheusPort: Int = 0,
                    crdPaths: [String] = ["crds"], applyPaths: [String] = [], workloadSimulation: Bool = true,
                    runOperator: Bool = true, identityLease: Bool = true) {
            self.runOperator = runOperator
            self.identityLease = identityLease
            self.directory = directory
            self.apiPort = apiPort
            self.kernelAPIPort = kernelAPIPort
            self.prometheusPort = prometheusPort
            self.crdPaths = crdPaths
            self.applyPaths = applyPaths
            self.workloadSimulation = workloadSimulation
        }
    }

    public let options: Options
    /// The API server.
    public let server: KubeTestServer
    /// The kernel API stand-in.
    public let kernelAPI: KernelAPIStandIn
    /// The Prometheus query API stand-in.
    public let prometheus: PrometheusStandIn
    let logger: Logger
    let operatorState = Mutex<(runtime: OperatorRuntime?, task: Task<Void, any Error>?, webhookPort: Int?)>((nil, nil, nil))

    /// The operator's webhook port, once the operator runs.
    public var webhookPort: Int? { operatorState.withLock { $0.webhookPort } }

    public init(options: Options, logger: Logger = Logger(label: "kai.sandbox")) throws {
        self.options = options
        self.logger = logger
        var quiet = logger
        quiet.logLevel = .critical // servers log cancellation at shutdown as errors
        server = try KubeTestServer(options: .init(
            port: options.apiPort, tls: true,
            workloadSimulation: options.workloadSimulation ? WorkloadSimulation() : nil, logger: quiet,
            identityLease: options.identityLease))
        kernelAPI = KernelAPIStandIn(logger: quiet)
        prometheus = PrometheusStandIn(logger: quiet)
    }

    /// Path of the kubeconfig written by ``start()``.
    public var kubeconfigPath: String { (options.directory as NSString).appendingPathComponent("kubeconfig") }

    /// Starts the servers, installs the CRDs and writes the kubeconfig.
    /// - Returns: the names of the CRDs installed.
    @discardableResult
    public func start() async throws -> [String] {
        try await server.start()
        try await kernelAPI.start(port: options.kernelAPIPort)
        try await prometheus.start(port: options.prometheusPort)
        try FileManager.default.createDirectory(atPath: options.directory, withIntermediateDirectories: true)
        try server.kubeconfig().write(toFile: kubeconfigPath, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: kubeconfigPath)

        var installed: [String] = []
        for document in try Self.manifests(at: options.crdPaths) where document["kind"]?.stringValue == "CustomResourceDefinition" {
            _ = try await server.installCRD(document)
            installed.append(document[path: "metadata", "name"]?.stringValue ?? "?")
        }
        if options.runOperator { try await startOperator() }
        return installed
    }

    /// Applies manifests with server-side apply (field manager `kai-sandbox`), like `kubectl apply --server-side`.
    /// - Returns: `kind/name` of each object applied.
    public func apply(paths: [String]) async throws -> [String] {
        let client = try KubeClient(configuration: ClientConfiguration.load(kubeconfig: kubeconfigPath))
        var applied: [String] = []
        for object in try Self.manifests(at: paths) {
            guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue,
                  let name = object[path: "metadata", "name"]?.stringValue else {
                throw SandboxError("a manifest needs apiVersion, kind and metadata.name: \(object.serialized().prefix(120))")
            }
            let resource = try await client.resource(apiVersion: apiVersion, kind: kind)
            _ = try await client.patch(resource, name: name, namespace: object[path: "metadata", "namespace"]?.stringValue,
                                       .apply(object), options: WriteOptions(fieldManager: "kai-sandbox", force: true))
            applied.append("\(kind.lowercased())/\(name)")
        }
        return applied
    }

    /// Runs the operator in-process against the sandbox: the kernel API stand-in as its
    /// kernel API, and the stand-in's webhook pointed at the operator's receiver.
    func startOperator() async throws {
        var channel = ChannelOptions(kernelAPIURL: kernelAPI.url)
        channel.webhookBindAddress = ListenAddress(host: "127.0.0.1", port: 0)
        let settings = OperatorSettings(kubeconfig: kubeconfigPath, channel: channel)
        var quiet = logger
        quiet.logLevel = .warning
        let runtime = try await OperatorRuntime.make(settings: settings, logger: quiet)
        let port = try await runtime.startWebhook()
        if let port {
            kernelAPI.setWebhook(url: "http://127.0.0.1:\(port)/api/webhooks/kernel", delay: .seconds(2))
        }
        let task = Task { try await runtime.runManager() }
        operatorState.withLock { $0 = (runtime, task, port) }
    }

    /// Stops every server; the process can exit afterwards.
    public func stop() async {
        let (runtime, task) = operatorState.withLock { ($0.runtime, $0.task) }
        await runtime?.shutDown()
        _ = await task?.result
        await prometheus.stop()
        await kernelAPI.stop()
        await server.stop()
    }

    /// The YAML documents of files and folders (`.yaml`, `.yml`, `.json`), in name order.
    /// Missing paths are skipped; unreadable or invalid files are errors naming the file.
    static func manifests(at paths: [String]) throws -> [JSONValue] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                files += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
                    .filter { $0 != "kustomization.yaml" }
                    .map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return try files.flatMap { file -> [JSONValue] in
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw SandboxError("\(file): cannot read: \(error.localizedDescription)")
            }
            do {
                return try YAML.parseAll(text).flatMap { doc -> [JSONValue] in
                    // A List (what `kubectl get -o yaml` writes) stands for its items.
                    doc["kind"]?.stringValue == "List" ? (doc["items"]?.arrayValue ?? []) : [doc]
                }
            } catch { throw SandboxError("\(file): \(error)") }
        }
    }
}

/// A sandbox failure with a message for people.
public struct SandboxError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
