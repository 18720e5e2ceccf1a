import Foundation
import JSON
import KubectlTestSupport
import Testing
@testable import KubeTestServer

/// kubectl 1.32 sends typed writes of built-in kinds as protobuf; these run it against the test server
/// and read the stored objects back as JSON.
@Suite("The real kubectl writing protobuf bodies", .enabled(if: Kubectl.path != nil, "kubectl is not installed on this machine; skipping"))
struct ProtobufKubectlTests {
    @Test("kubectl create of namespace, configmap, secret, serviceaccount, deployment, role, rolebinding, job, service, ingress, cronjob, clusterrole(binding), quota, priorityclass, pdb; auth can-i; create token")
    func createKinds() async throws {
        let server = try KubeTestServer(options: .init())
        try await server.start()
        let scratch = try ScratchDirectory(prefix: "kts-proto")
        defer { scratch.remove() }
        let kubectl = try Kubectl(server: server, scratch: scratch)
        func object(_ args: [String]) async throws -> JSONValue {
            let result = try await kubectl.run(["get"] + args + ["-o", "json"])
            #expect(result.status == 0, "\(result)")
            return (try? JSONValue(parsing: result.stdout)) ?? .null
        }
        func create(_ args: [String], _ expected: String) async throws {
            let result = try await kubectl.run(["create"] + args)
            #expect(result.status == 0 && result.stdout == expected + "\n", "\(result)")
        }

        do {
            // -v=8 logs the request headers: this is the protobuf path, not a JSON fallback.
            let verbose = try await kubectl.run(["create", "namespace", "proto", "-v=8"])
            #expect(verbose.stdout == "namespace/proto created\n", "\(verbose)")
            #expect(verbose.stderr.contains("Content-Type: application/vnd.kubernetes.protobuf"), "\(verbose)")
            let ns = try await object(["namespace", "proto"])
            #expect(ns[path: "metadata", "name"] == "proto")
            #expect(ns[path: "status", "phase"] == "Active")

            try await create(["configmap", "cm", "-n", "proto", "--from-literal=a=1", "--from-literal=b=two"], "configmap/cm created")
            let cm = try await object(["configmap", "cm", "-n", "proto"])
            #expect(cm["data"] == ["a": "1", "b": "two"])

            try await create(["secret", "generic", "s", "-n", "proto", "--from-literal=password=hunter2", "--type=Opaque"], "secret/s created")
            let secret = try await object(["secret", "s", "-n", "proto"])
            #expect(secret[path: "data", "password"] == .string(Data("hunter2".utf8).base64EncodedString()))
            #expect(secret["type"] == "Opaque")

            try await create(["serviceaccount", "bot", "-n", "proto"], "serviceaccount/bot created")
            #expect(try await object(["serviceaccount", "bot", "-n", "proto"])[path: "metadata", "namespace"] == "proto")

            try await create(["deployment", "web", "-n", "proto", "--image=nginx:1.27", "--replicas=0", "--port=8080"], "deployment.apps/web created")
            let deployment = try await object(["deployment", "web", "-n", "proto"])
            #expect(deployment[path: "spec", "replicas"] == 0)
            #expect(deployment[path: "spec", "selector", "matchLabels"] == ["app": "web"])
            let container = deployment[path: "spec", "template", "spec", "containers"]?.arrayValue?.first
            #expect(container?["image"] == "nginx:1.27")
            #expect(container?["ports"] == [["containerPort": 8080, "protocol": "TCP"]])

            try await create(["role", "reader", "-n", "proto", "--verb=get,list", "--resource=pods"], "role.rbac.authorization.k8s.io/reader created")
            let role = try await object(["role", "reader", "-n", "proto"])
            #expect(role["rules"] == [["apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]]])

            try await create(["rolebinding", "read", "-n", "proto", "--role=reader", "--serviceaccount=proto:bot"], "rolebinding.rbac.authorization.k8s.io/read created")
            let binding = try await object(["rolebinding", "read", "-n", "proto"])
            #expect(binding["roleRef"] == ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "reader"])
            #expect(binding["subjects"] == [["kind": "ServiceAccount", "name": "bot", "namespace": "proto"]])

            try await create(["job", "once", "-n", "proto", "--image=busybox", "--", "echo", "hi"], "job.batch/once created")
            let job = try await object(["job", "once", "-n", "proto"])
            #expect(job[path: "spec", "template", "spec", "containers"]?.arrayValue?.first?["command"] == ["echo", "hi"])
            #expect(job[path: "spec", "template", "spec", "restartPolicy"] == "Never")

            try await create(["service", "clusterip", "web", "-n", "proto", "--tcp=80:8080"], "service/web created")
            let service = try await object(["service", "web", "-n", "proto"])
            #expect(service[path: "spec", "ports"]?.arrayValue?.first?["targetPort"] == 8080)
            #expect(service[path: "spec", "ports"]?.arrayValue?.first?["port"] == 80)

            try await create(["ingress", "site", "-n", "proto", "--rule=example.com/=web:80"], "ingress.networking.k8s.io/site created")
            let ingress = try await object(["ingress", "site", "-n", "proto"])
            let rule = ingress[path: "spec", "rules"]?.arrayValue?.first
            #expect(rule?["host"] == "example.com")
            #expect(rule?[path: "http", "paths"]?.arrayValue?.first?[path: "backend", "service"] == ["name": "web", "port": ["number": 80]])

            try await create(["cronjob", "tick", "-n", "proto", "--image=busybox", "--schedule=*/5 * * * *"], "cronjob.batch/tick created")
            #expect(try await object(["cronjob", "tick", "-n", "proto"])[path: "spec", "schedule"] == "*/5 * * * *")
            try await create(["clusterrole", "viewer", "--verb=get", "--resource=nodes"], "clusterrole.rbac.authorization.k8s.io/viewer created")
            #expect(try await object(["clusterrole", "viewer"])["rules"] == [["apiGroups": [""], "resources": ["nodes"], "verbs": ["get"]]])
            try await create(["clusterrolebinding", "view", "--clusterrole=viewer", "--user=alice"], "clusterrolebinding.rbac.authorization.k8s.io/view created")
            #expect(try await object(["clusterrolebinding", "view"])["subjects"] == [["apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "alice"]])
            try await create(["quota", "small", "-n", "proto", "--hard=cpu=1,pods=4"], "resourcequota/small created")
            #expect(try await object(["quota", "small", "-n", "proto"])[path: "spec", "hard"] == ["cpu": "1", "pods": "4"])
            try await create(["priorityclass", "low", "--value=0", "--description=batch"], "priorityclass.scheduling.k8s.io/low created")
            let priority = try await object(["priorityclass", "low"])
            #expect(priority["value"] == 0 && priority["description"] == "batch", "\(priority)")
            try await create(["pdb", "web", "-n", "proto", "--selector=app=web", "--min-available=50%"], "poddisruptionbudget.policy/web created")
            #expect(try await object(["pdb", "web", "-n", "proto"])[path: "spec", "minAvailable"] == "50%")

            let canI = try await kubectl.run(["auth", "can-i", "create", "deployments", "-n", "proto"])
            #expect(canI.stdout == "yes\n", "\(canI)")
            let cannot = try await kubectl.run(["auth", "can-i", "delete", "pods", "-n", "proto", "--as=system:serviceaccount:proto:bot"])
            #expect(cannot.stdout == "no\n", "\(cannot)")
            let can = try await kubectl.run(["auth", "can-i", "list", "pods", "-n", "proto", "--as=system:serviceaccount:proto:bot"])
            #expect(can.stdout == "yes\n", "\(can)")

            let token = try await kubectl.run(["create", "token", "bot", "-n", "proto", "--duration=10m"])
            let issued = token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(token.status == 0 && !issued.isEmpty, "\(token)")
            let whoami = try await kubectl.run(["auth", "whoami", "--token=\(issued)", "-o", "jsonpath={.status.userInfo.username}"])
            #expect(whoami.stdout == "system:serviceaccount:proto:bot", "\(whoami)")

            let deleted = try await kubectl.run(["delete", "configmap", "cm", "-n", "proto"])
            #expect(deleted.status == 0, "\(deleted)")
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    @Test("helm stores its release as a protobuf Secret and lists it back", .enabled(if: Helm.path != nil, "helm is not installed; skipping"))
    func helmRelease() async throws {
        let server = try KubeTestServer(options: .init())
        try await server.start()
        let scratch = try ScratchDirectory(prefix: "kts-helm")
        defer { scratch.remove() }
        let chart = scratch.url.appendingPathComponent("chart")
        try FileManager.default.createDirectory(at: chart.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try "apiVersion: v2\nname: demo\nversion: 0.1.0\n".write(to: chart.appendingPathComponent("Chart.yaml"), atomically: true, encoding: .utf8)
        try "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo-settings\ndata:\n  mode: fast\n"
            .write(to: chart.appendingPathComponent("templates/configmap.yaml"), atomically: true, encoding: .utf8)
        let kubectl = try Kubectl(server: server, scratch: scratch)
        let helm = Helm(scratch: scratch, kubeconfig: kubectl.kubeconfig)
        do {
            let install = try await helm.run(["install", "rel", chart.path, "-n", "default"])
            #expect(install.status == 0 && install.stdout.contains("STATUS: deployed"), "\(install)")
            let secrets = try await kubectl.run(["get", "secrets", "-n", "default", "-l", "owner=helm", "-o", "json"])
            let items = (try? JSONValue(parsing: secrets.stdout))?["items"]?.arrayValue ?? []
            #expect(items.count == 1, "\(secrets)")
            #expect(items.first?[path: "metadata", "labels", "name"] == "rel")
            #expect(items.first?[path: "metadata", "labels", "status"] == "deployed")
            #expect(items.first?["type"] == "helm.sh/release.v1")
            #expect(items.first?[path: "data", "release"]?.stringValue?.isEmpty == false)
            let list = try await helm.run(["list", "-n", "default", "-q"])
            #expect(list.stdout == "rel\n", "\(list)")
            let cm = try await kubectl.run(["get", "configmap", "demo-settings", "-o", "jsonpath={.data.mode}"])
            #expect(cm.stdout == "fast", "\(cm)")
            let uninstall = try await helm.run(["uninstall", "rel", "-n", "default"])
            #expect(uninstall.status == 0, "\(uninstall)")
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }
}
