import Foundation
import JSON
import KubeReconcile
import KubeTestServer
import KubectlTestSupport
import Testing
import YAML
@testable import KaiCLI

/// The chart's files, read without helm.
enum ChartFiles {
    static var root: String { OperatorRequirementsTests.repositoryRoot }
    static var chart: String { root + "/charts/kai-operator" }
    static var fullValues: String { chart + "/ci/full-values.yaml" }

    static func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
    static func yamlFiles(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }.sorted()
    }
}

/// What `helm template` rendered, by kind and name.
struct RenderedChart {
    let text: String
    let objects: [JSONValue]

    init(_ text: String) throws {
        self.text = text
        objects = try YAML.parseAll(text)
    }

    func all(_ kind: String) -> [JSONValue] { objects.filter { $0["kind"]?.stringValue == kind } }
    func one(_ kind: String, _ name: String? = nil) throws -> JSONValue {
        let matches = all(kind).filter { name == nil || $0[path: "metadata", "name"]?.stringValue == name }
        #expect(matches.count == 1, "expected one \(kind) \(name ?? ""), found \(matches.count)")
        return try #require(matches.first)
    }
    var kinds: [String] { objects.compactMap { $0["kind"]?.stringValue }.sorted() }
    var deployment: JSONValue { get throws { try one("Deployment") } }
    var container: JSONValue { get throws { try #require(deployment[path: "spec", "template", "spec", "containers"]?[0]) } }
    var args: [String] { get throws { try container["args"]?.arrayValue?.compactMap(\.stringValue) ?? [] } }
}

@Suite("The Helm chart (charts/kai-operator)")
struct HelmChartTests {
    // MARK: - Files (no helm needed)

    @Test("Chart.yaml: apiVersion v2 and appVersion = the operator's version")
    func chartMetadata() throws {
        let chart = try YAML.parse(ChartFiles.text(ChartFiles.chart + "/Chart.yaml"))
        #expect(chart["apiVersion"] == "v2")
        #expect(chart["name"] == "kai-operator")
        #expect(chart["appVersion"]?.stringValue == KaiVersion.current,
                "appVersion must be `kai-operator version --short` (\(KaiVersion.current))")
        #expect(chart["type"] == "application")
    }

    /// Where `path` leads once every symbolic link on the way is followed.
    static func resolved(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }

    @Test("the chart reads the repository's crds/ through a link: crds/ stays the only copy")
    func crdsAreLinkedNotCopied() throws {
        let source = ChartFiles.root + "/crds", linked = ChartFiles.chart + "/files/crds"
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: linked) == "../../../crds",
                "charts/kai-operator/files/crds must be a relative link to crds/ (helm follows it, also when packaging)")
        #expect(Self.resolved(linked) == Self.resolved(source))
        let names = try ChartFiles.yamlFiles(in: source)
        #expect(!names.isEmpty)
        #expect(try ChartFiles.yamlFiles(in: linked) == names, "files/crds/ must hold exactly the files of crds/")
    }

    @Test("the chart's ClusterRole source is a link to config/rbac/role.yaml: one rule list")
    func roleIsLinkedNotCopied() throws {
        let linked = ChartFiles.chart + "/files/rbac/role.yaml"
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: linked) == "../../../../config/rbac/role.yaml")
        #expect(Self.resolved(linked) == Self.resolved(ChartFiles.root + "/config/rbac/role.yaml"))
        #expect(FileManager.default.contents(atPath: linked)?.isEmpty == false)
    }

    @Test("every top-level key of values.yaml is described by values.schema.json, and the full values file sets them all")
    func schemaCoversTheValues() throws {
        let values = try #require(YAML.parse(ChartFiles.text(ChartFiles.chart + "/values.yaml")).objectValue)
        let schema = try JSONValue(parsing: ChartFiles.text(ChartFiles.chart + "/values.schema.json"))
        let properties = try #require(schema["properties"]?.objectValue)
        #expect(schema["additionalProperties"] == false, "misspelt keys must be refused")
        for key in values.keys { #expect(properties[key] != nil, "values.schema.json lacks \(key)") }
        let full = try #require(YAML.parse(ChartFiles.text(ChartFiles.fullValues)).objectValue)
        for key in values.keys { #expect(full[key] != nil, "ci/full-values.yaml does not set \(key)") }
    }

    // MARK: - helm lint and helm template

    /// `helm` with its caches in a scratch directory (nothing read from or written to ~).
    static func helm(_ arguments: [String], scratch: ScratchDirectory) async throws -> ToolResult {
        try await Helm(scratch: scratch).run(arguments)
    }

    /// `helm template` of the chart in `kai-system`, with values files and `--set`s.
    static func render(release: String = "kai-operator", valuesFiles: [String] = [], set: [String] = []) async throws -> RenderedChart {
        let scratch = try ScratchDirectory(prefix: "kai-chart")
        defer { scratch.remove() }
        let result = try await helm(["template", release, ChartFiles.chart, "--namespace", "kai-system"]
            + valuesFiles.flatMap { ["-f", $0] } + set.flatMap { ["--set", $0] }, scratch: scratch)
        try #require(result.status == 0, "helm template failed: \(result)")
        return try RenderedChart(result.stdout)
    }

    /// `helm template` that must fail; returns helm's error output.
    static func renderError(set: [String]) async throws -> String {
        let scratch = try ScratchDirectory(prefix: "kai-chart")
        defer { scratch.remove() }
        let result = try await helm(["template", "kai-operator", ChartFiles.chart] + set.flatMap { ["--set", $0] }, scratch: scratch)
        #expect(result.status != 0, "helm template should have refused \(set): \(result)")
        return result.stderr
    }

    @Test("helm lint --strict passes, with the defaults and with every option set", .enabled(if: Helm.path != nil, "helm is not installed"))
    func lintStrict() async throws {
        let scratch = try ScratchDirectory(prefix: "kai-chart")
        defer { scratch.remove() }
        for extra in [[], ["-f", ChartFiles.fullValues]] {
            let result = try await Self.helm(["lint", "--strict", ChartFiles.chart] + extra, scratch: scratch)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("1 chart(s) linted, 0 chart(s) failed"), "\(result)")
            #expect(!result.stdout.contains("[WARNING]") && !result.stdout.contains("[ERROR]"), "\(result)")
            #expect(!result.stderr.contains("Fail"), "a template fail() fired under lint: \(result)")
        }
    }

    @Test("the defaults render the operator's resources, restricted and probed", .enabled(if: Helm.path != nil, "helm is not installed"))
    func defaults() async throws {
        let chart = try await Self.render()
        #expect(chart.kinds == ["ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "CustomResourceDefinition",
                                "Deployment", "Service", "Service", "ServiceAccount"])
        for object in chart.objects where object["kind"] != "ClusterRole" && object["kind"] != "ClusterRoleBinding"
            && object["kind"] != "CustomResourceDefinition" {
            #expect(object[path: "metadata", "namespace"] == "kai-system", "\(object["kind"] ?? .null) without the release namespace")
        }
        let deployment = try chart.deployment
        #expect(deployment[path: "metadata", "name"] == "kai-operator")
        #expect(deployment[path: "spec", "replicas"] == 1)
        let pod = try #require(deployment[path: "spec", "template", "spec"])
        #expect(pod["serviceAccountName"] == "kai-operator")
        #expect(pod[path: "securityContext", "runAsNonRoot"] == true)
        #expect(pod[path: "securityContext", "runAsUser"] == 65532)
        #expect(pod[path: "securityContext", "seccompProfile", "type"] == "RuntimeDefault")
        // The operator's shutdown deadline: reconciles in flight, then the event drain.
        let options = ManagerOptions()
        let deadline = (options.gracefulShutdownTimeout + options.eventDrainTimeout).components.seconds
        let grace = try #require(pod["terminationGracePeriodSeconds"]?.intValue)
        #expect(grace > deadline, "terminationGracePeriodSeconds \(grace) must exceed the \(deadline) s shutdown deadline")

        let container = try chart.container
        #expect(container["image"] == .string("ghcr.io/kai-dev/kai-operator:\(KaiVersion.current)"))
        #expect(container[path: "securityContext", "readOnlyRootFilesystem"] == true)
        #expect(container[path: "securityContext", "allowPrivilegeEscalation"] == false)
        #expect(container[path: "securityContext", "capabilities", "drop"] == ["ALL"])
        #expect(container[path: "livenessProbe", "httpGet"] == ["path": "/healthz", "port": "health"])
        #expect(container[path: "readinessProbe", "httpGet"] == ["path": "/readyz", "port": "health"])
        let ports = container["ports"]?.arrayValue ?? []
        #expect(ports.contains(["name": "health", "containerPort": 8081, "protocol": "TCP"]))
        #expect(container["resources"]?["requests"] != nil && container[path: "resources", "limits", "memory"] != nil)
        #expect((container["env"]?.arrayValue ?? []).contains { $0["name"] == "POD_NAMESPACE"
            && $0[path: "valueFrom", "fieldRef", "fieldPath"] == "metadata.namespace" })
        #expect(try chart.args == ["run", "--leader-elect", "--metrics-bind-address=:8080", "--health-probe-bind-address=:8081",
                                   "--webhook-bind-address=:8082", "--max-concurrent-reconciles=4", "--log-format=json",
                                   "--log-level=info"])

        let metrics = try chart.one("Service", "kai-operator-metrics")
        #expect(metrics[path: "spec", "ports"] == [["name": "http-metrics", "port": 8080, "targetPort": "http-metrics", "protocol": "TCP"]])
        let webhook = try chart.one("Service", "kai-operator-webhook")
        #expect(webhook[path: "spec", "ports"] == [["name": "webhook", "port": 8082, "targetPort": "webhook", "protocol": "TCP"]])
        for service in [metrics, webhook] {
            #expect(service[path: "spec", "selector"] == deployment[path: "spec", "selector", "matchLabels"])
        }
        let labels = try #require(deployment[path: "spec", "template", "metadata", "labels"]?.objectValue)
        for (key, value) in deployment[path: "spec", "selector", "matchLabels"]?.objectValue ?? [:] {
            #expect(labels[key] == value, "the pod template lacks selector label \(key)")
        }
    }

    @Test("the rendered ClusterRole has exactly the rules of config/rbac/role.yaml and is bound to the ServiceAccount",
          .enabled(if: Helm.path != nil, "helm is not installed"))
    func clusterRoleRules() async throws {
        let role = try YAML.parse(ChartFiles.text(ChartFiles.root + "/config/rbac/role.yaml"))
        let expected = try #require(role["rules"])
        for chart in [try await Self.render(), try await Self.render(release: "kai", valuesFiles: [ChartFiles.fullValues])] {
            let clusterRole = try chart.one("ClusterRole")
            #expect(clusterRole["rules"] == expected)
            #expect(chart.all("Role").isEmpty && chart.all("RoleBinding").isEmpty,
                    "the ClusterRole already grants leases: one source of truth")
            let binding = try chart.one("ClusterRoleBinding")
            #expect(binding["roleRef"] == ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole",
                                           "name": clusterRole[path: "metadata", "name"] ?? .null])
            let account = try chart.one("ServiceAccount")
            #expect(binding["subjects"] == [["kind": "ServiceAccount", "name": account[path: "metadata", "name"] ?? .null,
                                             "namespace": "kai-system"]])
            #expect(try chart.deployment[path: "spec", "template", "spec", "serviceAccountName"] == account[path: "metadata", "name"])
        }
    }

    @Test("the CRDs render as crds/ plus the keep annotation; crds.keep=false and crds.install=false do what they say",
          .enabled(if: Helm.path != nil, "helm is not installed"))
    func crds() async throws {
        let sources = try ChartFiles.yamlFiles(in: ChartFiles.root + "/crds").map { try YAML.parse(ChartFiles.text(ChartFiles.root + "/crds/" + $0)) }
        func byName(_ objects: [JSONValue]) -> [String: JSONValue] {
            Dictionary(objects.map { ($0[path: "metadata", "name"]?.stringValue ?? "?", $0) }) { a, _ in a }
        }
        let kept = byName(try await Self.render().all("CustomResourceDefinition"))
        #expect(kept.count == sources.count)
        for var source in sources {
            let name = source[path: "metadata", "name"]?.stringValue ?? "?"
            source[path: "metadata", "annotations"] = ["helm.sh/resource-policy": "keep"]
            #expect(kept[name] == source, "rendered CRD \(name) differs from crds/ beyond the keep annotation")
        }
        let plain = byName(try await Self.render(set: ["crds.keep=false"]).all("CustomResourceDefinition"))
        for source in sources {
            #expect(plain[source[path: "metadata", "name"]?.stringValue ?? "?"] == source)
        }
        #expect(try await Self.render(set: ["crds.install=false"]).all("CustomResourceDefinition").isEmpty)
    }

    /// The Deployment's args parsed by `kai-operator`'s own parser (unknown flags and bad values throw).
    static func parsedRun(_ chart: RenderedChart) throws -> RunCommand {
        let args = try chart.args
        try #require(args.first == "run", "the container's args must start with the run subcommand: \(args)")
        let command = try KaiOperatorCommand.parseAsRoot(args)
        return try #require(command as? RunCommand, "\(args) did not parse as `kai-operator run`")
    }

    @Test("the Deployment's args are flags `kai-operator run` accepts, with the values' settings",
          .enabled(if: Helm.path != nil, "helm is not installed"))
    func argsParse() async throws {
        let defaults = try Self.parsedRun(try await Self.render())
        #expect(defaults.leaderElect)
        #expect(defaults.leaderElectionNamespace == nil, "the Lease namespace comes from POD_NAMESPACE")
        #expect(defaults.metricsBindAddress == ":8080" && defaults.healthProbeBindAddress == ":8081" && defaults.webhookBindAddress == ":8082")
        #expect(defaults.kernelAPIURL == nil && defaults.kernelAPITokenFile == nil && defaults.webhookTokenFile == nil)
        #expect(defaults.logFormat == "json" && defaults.logLevel == "info" && defaults.maxConcurrentReconciles == 4)
        #expect(defaults.namespace.isEmpty)

        let full = try Self.parsedRun(try await Self.render(release: "kai", valuesFiles: [ChartFiles.fullValues]))
        #expect(full.leaderElect && full.leaderElectionNamespace == "kai-leases")
        #expect(full.namespace == ["team-a", "team-b"])
        #expect(full.metricsBindAddress == ":9090" && full.healthProbeBindAddress == ":9091" && full.webhookBindAddress == ":9443")
        #expect(full.kernelAPIURL == "http://kernel-api.kai-platform.svc:3080")
        #expect(full.kernelAPITokenFile == "/var/run/secrets/kai.dev/kernel-api/api-token")
        #expect(full.webhookTokenFile == "/var/run/secrets/kai.dev/webhook/webhook-token")
        #expect(full.logFormat == "text" && full.logLevel == "debug" && full.maxConcurrentReconciles == 8)
        #expect(full.kubeconfig == "/etc/kai/kubeconfig", "extraArgs are appended")

        let off = try Self.parsedRun(try await Self.render(set: ["webhook.enabled=false", "metrics.enabled=false",
                                                                 "leaderElection.enabled=false"]))
        #expect(off.webhookBindAddress == "0" && off.metricsBindAddress == "0" && !off.leaderElect)
    }

    @Test("a values file setting every option renders each of them", .enabled(if: Helm.path != nil, "helm is not installed"))
    func fullValues() async throws {
        let chart = try await Self.render(release: "kai", valuesFiles: [ChartFiles.fullValues])
        #expect(chart.kinds == ["ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "CustomResourceDefinition",
                                "Deployment", "PodDisruptionBudget", "Service", "Service", "ServiceAccount", "ServiceMonitor"])
        for object in chart.objects where object["kind"] != "CustomResourceDefinition" {
            #expect(object[path: "metadata", "labels", "environment"] == "production", "commonLabels missing on \(object["kind"] ?? .null)")
            #expect(object[path: "metadata", "labels", "app.kubernetes.io/name"] == "kai")
        }
        for crd in chart.all("CustomResourceDefinition") { #expect(crd[path: "metadata", "annotations"] == nil, "crds.keep=false") }

        let deployment = try chart.one("Deployment", "kai-controller")
        #expect(deployment[path: "metadata", "annotations", "example.com/owner"] == "platform")
        #expect(deployment[path: "spec", "replicas"] == 2)
        let pod = try #require(deployment[path: "spec", "template"])
        #expect(pod[path: "metadata", "annotations", "example.com/scrape"] == "false")
        #expect(pod[path: "metadata", "labels", "team"] == "platform")
        let spec = try #require(pod["spec"])
        #expect(spec["serviceAccountName"] == "kai-operator-sa")
        #expect(spec["imagePullSecrets"] == [["name": "registry-pull"]])
        #expect(spec["priorityClassName"] == "system-cluster-critical")
        #expect(spec["nodeSelector"] == ["kubernetes.io/os": "linux"])
        #expect(spec["tolerations"]?[0]?["key"] == "dedicated")
        #expect(spec[path: "affinity", "podAntiAffinity"] != nil)
        #expect(spec["topologySpreadConstraints"]?[0]?["topologyKey"] == "topology.kubernetes.io/zone")
        #expect(spec[path: "securityContext", "runAsUser"] == 10001)
        #expect(spec["terminationGracePeriodSeconds"] == 60)
        let volumes = spec["volumes"]?.arrayValue ?? []
        #expect(volumes.contains { $0[path: "secret", "secretName"] == "kernel-api-token" && $0[path: "secret", "items"] == [["key": "api-token", "path": "api-token"]] })
        #expect(volumes.contains { $0[path: "secret", "secretName"] == "kernel-webhook-token" })
        #expect(volumes.contains { $0[path: "secret", "secretName"] == "kai-kubeconfig" })

        let container = try chart.container
        #expect(container["image"] == "registry.example.com/platform/kai-operator@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
        #expect(container["imagePullPolicy"] == "Always")
        #expect(container[path: "resources", "limits", "cpu"] == "1")
        #expect(container[path: "livenessProbe", "failureThreshold"] == 5 && container[path: "readinessProbe", "periodSeconds"] == 5)
        let env = container["env"]?.arrayValue ?? []
        #expect(env.contains(["name": "TZ", "value": "UTC"]))
        let mounts = container["volumeMounts"]?.arrayValue ?? []
        for path in ["/var/run/secrets/kai.dev/kernel-api", "/var/run/secrets/kai.dev/webhook", "/etc/kai"] {
            #expect(mounts.contains { $0["mountPath"]?.stringValue == path && $0["readOnly"] == true }, "no read-only mount at \(path)")
        }
        #expect(Set((container["ports"]?.arrayValue ?? []).compactMap { $0["containerPort"]?.intValue }) == [9090, 9091, 9443])

        let webhook = try chart.one("Service", "kai-controller-webhook")
        #expect(webhook[path: "spec", "type"] == "NodePort" && webhook[path: "spec", "ports"]?[0]?["port"] == 80)
        #expect(webhook[path: "metadata", "annotations", "example.com/exposed"] == "true")
        let metrics = try chart.one("Service", "kai-controller-metrics")
        #expect(metrics[path: "spec", "ports"]?[0]?["port"] == 9090)
        let monitor = try chart.one("ServiceMonitor")
        #expect(monitor[path: "metadata", "labels", "release"] == "kube-prometheus-stack")
        #expect(monitor[path: "spec", "endpoints"]?[0]?["interval"] == "15s" && monitor[path: "spec", "endpoints"]?[0]?["port"] == "http-metrics")
        #expect(monitor[path: "spec", "endpoints"]?[0]?["metricRelabelings"]?[0]?["action"] == "drop")
        let selected = try #require(monitor[path: "spec", "selector", "matchLabels"]?.objectValue)
        for (key, value) in selected { #expect(metrics[path: "metadata", "labels", key] == value, "the ServiceMonitor does not select the metrics Service (\(key))") }
        #expect(try chart.one("PodDisruptionBudget")["spec"]?["maxUnavailable"] == 1)
        #expect(try chart.one("ServiceAccount")[path: "metadata", "annotations", "eks.amazonaws.com/role-arn"] != nil)
    }

    @Test("switches: webhook, metrics, ServiceAccount and RBAC off", .enabled(if: Helm.path != nil, "helm is not installed"))
    func switches() async throws {
        let chart = try await Self.render(set: ["webhook.enabled=false", "metrics.enabled=false", "serviceAccount.create=false",
                                                "serviceAccount.name=existing", "rbac.create=false", "crds.install=false"])
        #expect(chart.kinds == ["Deployment"])
        #expect(try chart.deployment[path: "spec", "template", "spec", "serviceAccountName"] == "existing")
        #expect(try chart.container["ports"] == [["name": "health", "containerPort": 8081, "protocol": "TCP"]])
        let withoutServices = try await Self.render(set: ["metrics.service.enabled=false"])
        #expect(withoutServices.all("Service").count == 1, "only the webhook Service remains")
    }

    @Test("settings that cannot work are refused, naming the value", .enabled(if: Helm.path != nil, "helm is not installed"))
    func refusesBadValues() async throws {
        #expect(try await Self.renderError(set: ["logFormat=xml"]).contains("logFormat must be one of the following"))
        #expect(try await Self.renderError(set: ["replicas=2"]).contains("Additional property replicas is not allowed"))
        #expect(try await Self.renderError(set: ["terminationGracePeriodSeconds=30"]).contains("terminationGracePeriodSeconds"))
        #expect(try await Self.renderError(set: ["kernelAPI.url=kernel-api:3080"]).contains("kernelAPI.url"))
        #expect(try await Self.renderError(set: ["replicaCount=2", "leaderElection.enabled=false"])
            .contains("replicaCount is 2 but leaderElection.enabled is false"))
        #expect(try await Self.renderError(set: ["metrics.serviceMonitor.enabled=true", "metrics.service.enabled=false"])
            .contains("metrics.serviceMonitor.enabled needs metrics.enabled and metrics.service.enabled"))
        #expect(try await Self.renderError(set: ["webhook.port=8081"]).contains("webhook.port 8081 is already used"))
        #expect(try await Self.renderError(set: ["serviceAccount.create=false"]).contains("serviceAccount.name is required"))
        #expect(try await Self.renderError(set: ["podDisruptionBudget.enabled=true", "podDisruptionBudget.maxUnavailable=1"])
            .contains("set exactly one of minAvailable and maxUnavailable"))
    }

    // MARK: - Against the test API server

    /// A namespace-scoped CRD standing in for prometheus-operator's ServiceMonitor.
    static let serviceMonitorCRD: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "servicemonitors.monitoring.coreos.com"],
        "spec": ["group": "monitoring.coreos.com", "scope": "Namespaced",
                 "names": ["plural": "servicemonitors", "singular": "servicemonitor", "kind": "ServiceMonitor", "listKind": "ServiceMonitorList"],
                 "versions": [["name": "v1", "served": true, "storage": true,
                               "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]]]]],
    ]

    @Test("the test API server creates every rendered object (defaults and every option)", .enabled(if: Helm.path != nil, "helm is not installed"))
    func testServerCreatesTheManifests() async throws {
        for chart in [try await Self.render(), try await Self.render(release: "kai", valuesFiles: [ChartFiles.fullValues])] {
            let server = try KubeTestServer(options: .init())
            try await server.start()
            do {
                try await server.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "kai-system"]])
                try await server.installCRD(Self.serviceMonitorCRD)
                // CRDs first, as Helm orders them.
                let ordered = chart.all("CustomResourceDefinition") + chart.objects.filter { $0["kind"] != "CustomResourceDefinition" }
                for object in ordered {
                    let created = try await server.create(object, fieldManager: "helm")
                    #expect(created[path: "metadata", "uid"] != nil)
                }
                for object in chart.objects {
                    let stored = try await server.object(apiVersion: object["apiVersion"]?.stringValue ?? "", kind: object["kind"]?.stringValue ?? "",
                                                         namespace: object[path: "metadata", "namespace"]?.stringValue,
                                                         name: object[path: "metadata", "name"]?.stringValue ?? "")
                    #expect(stored != nil, "\(object["kind"] ?? .null) \(object[path: "metadata", "name"] ?? .null) was not stored")
                }
                // The CRDs are served: a Channel can be created.
                let channel = try await server.create([
                    "apiVersion": "kai.dev/v1alpha1", "kind": "Channel", "metadata": ["name": "c1", "namespace": "kai-system"],
                    "spec": ["displayName": "Cooking with Ada"],
                ])
                #expect(channel["kind"] == "Channel")
            } catch {
                await server.shutdown()
                throw error
            }
            await server.shutdown()
        }
    }

    @Test("kubectl applies the chart (client dry-run, then for real) and the Deployment becomes Available",
          .enabled(if: Helm.path != nil, "helm is not installed"),
          .enabled(if: Kubectl.path != nil, "kubectl is not installed"))
    func kubectlApply() async throws {
        let scratch = try ScratchDirectory(prefix: "kai-chart")
        defer { scratch.remove() }
        let defaults = try await Self.render()
        let full = try await Self.render(release: "kai", valuesFiles: [ChartFiles.fullValues])
        let server = try KubeTestServer(options: .init(workloadSimulation: WorkloadSimulation(deploymentReadyDelay: .milliseconds(200))))
        try await server.start()
        do {
            let kubectl = try Kubectl(server: server, scratch: scratch)
            // As `helm install --create-namespace` would (`kubectl create namespace` speaks protobuf, which this server does not).
            try await server.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "kai-system"]])
            try await server.installCRD(Self.serviceMonitorCRD)

            let fullFile = try scratch.write("full.yaml", full.text)
            let dryRun = try await kubectl.run(["apply", "--dry-run=client", "-f", fullFile])
            #expect(dryRun.status == 0, "\(dryRun)")
            #expect(dryRun.stdout.contains("deployment.apps/kai-controller created (dry run)"), "\(dryRun)")
            #expect(dryRun.stdout.contains("servicemonitor.monitoring.coreos.com/kai-controller created (dry run)"), "\(dryRun)")

            let file = try scratch.write("defaults.yaml", defaults.text)
            let clientDryRun = try await kubectl.run(["apply", "--dry-run=client", "-f", file])
            #expect(clientDryRun.status == 0, "\(clientDryRun)")
            let serverDryRun = try await kubectl.run(["apply", "--dry-run=server", "-f", file])
            #expect(serverDryRun.status == 0, "\(serverDryRun)")
            #expect(try await server.object(apiVersion: "apps/v1", kind: "Deployment", namespace: "kai-system", name: "kai-operator") == nil,
                    "a dry run stored the Deployment")

            let apply = try await kubectl.run(["apply", "-f", file])
            #expect(apply.status == 0, "\(apply)")
            for line in ["customresourcedefinition.apiextensions.k8s.io/channels.kai.dev created",
                         "clusterrole.rbac.authorization.k8s.io/kai-operator created",
                         "serviceaccount/kai-operator created", "deployment.apps/kai-operator created"] {
                #expect(apply.stdout.contains(line), "\(apply)")
            }
            let wait = try await kubectl.run(["-n", "kai-system", "wait", "--for=condition=Available", "deployment/kai-operator", "--timeout=30s"])
            #expect(wait.status == 0 && wait.stdout.contains("condition met"), "\(wait)")
            let again = try await kubectl.run(["apply", "-f", file])
            #expect(again.status == 0 && again.stdout.contains("deployment.apps/kai-operator unchanged"), "\(again)")
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }
    /// A real `helm install` cannot run here: Helm writes its release Secret (and
    /// `--create-namespace`) with a protobuf body, which the test server does not read. A
    /// server-side dry run stores nothing, but still checks the release name against the
    /// server and maps every rendered kind (ServiceMonitor included) through its discovery.
    @Test("helm install --dry-run=server against the test API server", .enabled(if: Helm.path != nil, "helm is not installed"))
    func helmInstallDryRun() async throws {
        let scratch = try ScratchDirectory(prefix: "kai-chart")
        defer { scratch.remove() }
        let server = try KubeTestServer(options: .init())
        try await server.start()
        do {
            try await server.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "kai-system"]])
            try await server.installCRD(Self.serviceMonitorCRD)
            let kubeconfig = try scratch.write("kubeconfig", try server.kubeconfig())
            for values in [[], ["-f", ChartFiles.fullValues]] {
                let install = try await Self.helm(["install", "kai-operator", ChartFiles.chart, "-n", "kai-system", "--dry-run=server",
                                                   "--kubeconfig", kubeconfig] + values, scratch: scratch)
                #expect(install.status == 0, "\(install)")
                #expect(install.stdout.contains("STATUS: pending-install"), "\(install)")
            }
            #expect(try await server.objects(apiVersion: "apps/v1", kind: "Deployment", namespace: "kai-system").isEmpty)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }
}
