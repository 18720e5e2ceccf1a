import Foundation
import JSON
import KaiAPI
@testable import KaiControllers
import Testing
import YAML

/// The renderer as a pure function: golden files, labels, owners, defaults and the checks of
/// the spec. (That the API server accepts every rendered object is in DevSessionControllerTests.)
@Suite struct DevSessionRendererTests {
    /// The reviewed examples under `Golden/`: `<case>.input.yaml` renders to `<case>.rendered.yaml`.
    static let goldenCases = ["devsession-defaults", "devsession-full", "devsession-ingress-off", "devsession-tls-host"]

    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func input(_ name: String) throws -> DevSession {
        let url = goldenDirectory.appendingPathComponent("\(name).input.yaml")
        return try YAML.decode(DevSession.self, from: try String(contentsOf: url, encoding: .utf8))
    }

    static func minimal(_ uuid: String = "550e8400-e29b-41d4-a716-446655440000") -> DevSession {
        DevSession(name: "project-456", spec: DevSessionSpec(projectUUID: uuid, projectID: 456, userID: 123))
    }

    /// The rendered YAML equals the reviewed file. Set `KAI_UPDATE_GOLDEN=1` to rewrite the
    /// files after a deliberate change, then review the diff.
    @Test(arguments: goldenCases)
    func renderingMatchesTheReviewedGoldenFile(name: String) throws {
        let rendered = YAML.emitAll(try DevSessionRenderer.render(try Self.input(name)))
        let url = Self.goldenDirectory.appendingPathComponent("\(name).rendered.yaml")
        if ProcessInfo.processInfo.environment["KAI_UPDATE_GOLDEN"] == "1" {
            try rendered.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(rendered == expected, "render of \(name).input.yaml differs from \(name).rendered.yaml")
    }

    @Test func childrenComeInApplyOrderWithTheContractsNames() throws {
        let children = try DevSessionRenderer.render(Self.minimal())
        #expect(children.map { "\($0["kind"]?.stringValue ?? "") \($0[path: "metadata", "name"]?.stringValue ?? "")" } == [
            "Namespace 550e8400-e29b-41d4-a716-446655440000",
            "PersistentVolumeClaim dev-session-550e8400-workspace",
            "Service dev-session-550e8400",
            "Service dev-session-550e8400-preview",
            "Service dev-session-550e8400-chat",
            "Service dev-session-550e8400-vscode",
            "Deployment dev-session-550e8400",
            "Ingress dev-session-550e8400",
        ])
        for child in children.dropFirst() {
            #expect(child[path: "metadata", "namespace"] == "550e8400-e29b-41d4-a716-446655440000")
        }
        #expect(children[0][path: "metadata", "namespace"] == nil)
    }

    @Test func renderingIsDeterministic() throws {
        var session = try Self.input("devsession-full")
        let first = YAML.emitAll(try DevSessionRenderer.render(session))
        // Same maps built in another insertion order.
        let annotations = session.spec.ingress?.annotations ?? [:]
        session.spec.ingress?.annotations = Dictionary(uniqueKeysWithValues: annotations.reversed())
        #expect(YAML.emitAll(try DevSessionRenderer.render(session)) == first)
    }

    @Test func everyChildHasTheRecommendedLabelsAndAHash() throws {
        for child in try DevSessionRenderer.render(try Self.input("devsession-full")) {
            let labels = try #require(child[path: "metadata", "labels"])
            #expect(labels["app.kubernetes.io/name"] == "dev-session")
            #expect(labels["app.kubernetes.io/instance"] == "dev-session-7c9e6679")
            #expect(labels["app.kubernetes.io/part-of"] == "kai")
            #expect(labels["app.kubernetes.io/managed-by"] == "kai-operator")
            #expect(labels["app.kubernetes.io/component"]?.stringValue?.isEmpty == false)
            // The three images share the tag 2.3.1: it is the session's version.
            #expect(labels["app.kubernetes.io/version"] == "2.3.1")
            let hash = try #require(child[path: "metadata", "annotations", DevSessionRenderer.hashAnnotation]?.stringValue)
            var unstamped = child
            unstamped[path: "metadata", "annotations", DevSessionRenderer.hashAnnotation] = nil
            if unstamped[path: "metadata", "annotations"] == [:] { unstamped[path: "metadata", "annotations"] = nil }
            #expect(hash == DevSessionHash.hex(of: unstamped))
        }
    }

    @Test func theVersionLabelIsLeftOutWhenTheImagesDisagreeOrHaveNoTag() throws {
        // Defaults: preview and chat 0.1.0, code-server 4.96.4.
        let children = try DevSessionRenderer.render(Self.minimal())
        let deployment = try #require(children.first { $0["kind"] == "Deployment" })
        #expect(deployment[path: "metadata", "labels", "app.kubernetes.io/version"] == nil)
        let vscode = try #require(children.first { $0[path: "metadata", "name"] == "dev-session-550e8400-vscode" })
        #expect(vscode[path: "metadata", "labels", "app.kubernetes.io/version"] == "4.96.4")

        var untagged = Self.minimal()
        untagged.spec.preview = DevSessionContainer(image: "nginx")
        let preview = try #require(try DevSessionRenderer.render(untagged).first { $0[path: "metadata", "name"] == "dev-session-550e8400-preview" })
        #expect(preview[path: "metadata", "labels", "app.kubernetes.io/version"] == nil)
    }

    @Test func ownerReferencesNeedAUid() throws {
        #expect(try DevSessionRenderer.render(Self.minimal()).allSatisfy { $0[path: "metadata", "ownerReferences"] == nil })
        var owned = Self.minimal()
        owned.metadata.uid = "uid-1"
        for child in try DevSessionRenderer.render(owned) {
            #expect(child[path: "metadata", "ownerReferences"] == [[
                "apiVersion": "kai.dev/v1alpha1", "kind": "DevSession", "name": "project-456", "uid": "uid-1",
                "controller": true, "blockOwnerDeletion": true,
            ]])
        }
    }

    @Test func theDeploymentRunsTheThreeContainersOnTheWorkspace() throws {
        let deployment = try #require(try DevSessionRenderer.render(Self.minimal()).first { $0["kind"] == "Deployment" })
        #expect(deployment[path: "spec", "replicas"] == 1)
        #expect(deployment[path: "spec", "strategy", "type"] == "Recreate")
        let containers = try #require(deployment[path: "spec", "template", "spec", "containers"]?.arrayValue)
        #expect(containers.map { $0["name"] } == ["preview", "chat", "vscode"])
        #expect(containers.map { $0[path: "ports"]?[0]?["containerPort"] } == [3000, 3001, 8080])
        for container in containers {
            #expect(container[path: "resources", "limits"] == ["cpu": "2000m", "memory": "4Gi"])
            #expect(container["volumeMounts"] == [["name": "workspace", "mountPath": "/workspace"]])
            #expect(container[path: "readinessProbe", "tcpSocket", "port"] == container["name"])
            #expect(container["env"]?.arrayValue?.map { $0["name"] } == ["PROJECT_UUID", "PROJECT_ID", "USER_ID"])
        }
        #expect(deployment[path: "spec", "template", "spec", "volumes"] == [[
            "name": "workspace", "persistentVolumeClaim": ["claimName": "dev-session-550e8400-workspace"],
        ]])
        // The selector is a subset of the pod labels.
        let selector = try #require(deployment[path: "spec", "selector", "matchLabels"]?.objectValue)
        for (key, value) in selector { #expect(deployment[path: "spec", "template", "metadata", "labels", key] == value) }
    }

    @Test func aSpecVariableReplacesTheSessionVariableOfTheSameName() throws {
        let deployment = try #require(try DevSessionRenderer.render(try Self.input("devsession-full")).first { $0["kind"] == "Deployment" })
        let vscode = try #require(deployment[path: "spec", "template", "spec", "containers"]?[2])
        #expect(vscode["env"] == [["name": "PROJECT_UUID", "value": "7c9e6679-7425-40de-944b-e07fc1f90ae7"],
                                  ["name": "PROJECT_ID", "value": "789"], ["name": "USER_ID", "value": "override"]])
    }

    @Test func suspendScalesToZeroAndKeepsEverythingElse() throws {
        var session = Self.minimal()
        let running = try DevSessionRenderer.render(session)
        session.spec.suspend = true
        let suspended = try DevSessionRenderer.render(session)
        #expect(suspended.map { $0["kind"] } == running.map { $0["kind"] })
        #expect(suspended.first { $0["kind"] == "Deployment" }?[path: "spec", "replicas"] == 0)
        #expect(suspended.first { $0["kind"] == "PersistentVolumeClaim" } == running.first { $0["kind"] == "PersistentVolumeClaim" })
    }

    @Test func servicesAndIngressRouteTheThreeEndpoints() throws {
        let children = try DevSessionRenderer.render(try Self.input("devsession-tls-host"))
        let release = try #require(children.first { $0[path: "metadata", "name"] == "dev-session-9b2d3c1a" && $0["kind"] == "Service" })
        #expect(release[path: "spec", "type"] == "ClusterIP")
        #expect(release[path: "spec", "ports"]?.arrayValue?.map { $0["port"] } == [3000, 3001, 8080])
        let ingress = try #require(children.first { $0["kind"] == "Ingress" })
        let paths = try #require(ingress[path: "spec", "rules"]?[0]?[path: "http", "paths"]?.arrayValue)
        #expect(paths.map { $0["path"] } == ["/preview", "/chat", "/vscode"])
        #expect(paths.allSatisfy { $0["pathType"] == "Prefix" })
        #expect(paths.map { $0[path: "backend", "service", "name"] } == [
            "dev-session-9b2d3c1a-preview", "dev-session-9b2d3c1a-chat", "dev-session-9b2d3c1a-vscode"])
        #expect(ingress[path: "spec", "tls"] == [["hosts": ["p2002.dev.example.com"], "secretName": "wildcard-dev-tls"]])
        #expect(ingress[path: "spec", "rules"]?[0]?["host"] == "p2002.dev.example.com")
    }

    @Test func ingressOffRendersNoIngress() throws {
        let children = try DevSessionRenderer.render(try Self.input("devsession-ingress-off"))
        #expect(!children.contains { $0["kind"] == "Ingress" })
        #expect(children.count == 7)
    }

    @Test func urlsUseTheHostWithTLSOrTheServiceAddresses() throws {
        let tls = try Self.input("devsession-tls-host")
        #expect(DevSessionRenderer.urls(for: tls, settings: try DevSessionSettings(tls.spec)) == [
            .preview: "https://p2002.dev.example.com/preview", .chat: "https://p2002.dev.example.com/chat",
            .vscode: "https://p2002.dev.example.com/vscode"])
        var plain = tls
        plain.spec.ingress?.tlsSecretName = nil
        #expect(DevSessionRenderer.urls(for: plain, settings: try DevSessionSettings(plain.spec))[.chat] == "http://p2002.dev.example.com/chat")
        let off = try Self.input("devsession-ingress-off")
        #expect(DevSessionRenderer.urls(for: off, settings: try DevSessionSettings(off.spec)) == [
            .preview: "http://dev-session-16fd2706-preview.16fd2706-8baf-433b-82eb-8c7fada847da.svc:3000",
            .chat: "http://dev-session-16fd2706-chat.16fd2706-8baf-433b-82eb-8c7fada847da.svc:3001",
            .vscode: "http://dev-session-16fd2706-vscode.16fd2706-8baf-433b-82eb-8c7fada847da.svc:8080"])
        let noHost = Self.minimal()
        #expect(DevSessionRenderer.urls(for: noHost, settings: try DevSessionSettings(noHost.spec))[.preview]?.hasPrefix("http://dev-session-550e8400-preview.") == true)
    }

    // MARK: - Documents (kai-operator render -f)

    @Test func aDocumentRendersLikeTheTypedDevSession() throws {
        let document = try YAML.parse(String(contentsOf: Self.goldenDirectory.appendingPathComponent("devsession-full.input.yaml"),
                                             encoding: .utf8))
        #expect(try DevSessionRenderer.render(document: document) == (try DevSessionRenderer.render(try Self.input("devsession-full"))))
    }

    /// A document that cannot be rendered names the DevSession and the field.
    @Test(arguments: [
        ("{apiVersion: kai.dev/v1alpha1, kind: DevSession, metadata: {name: a}, spec: {projectID: 1, userID: 1}}",
         "DevSession a: spec.projectUUID: is required"),
        ("{apiVersion: kai.dev/v1alpha1, kind: DevSession, metadata: {name: a}, spec: {projectUUID: 550e8400-e29b-41d4-a716-446655440000, projectID: one, userID: 1}}",
         "DevSession a: spec.projectID: must be an integer"),
        ("{apiVersion: kai.dev/v1alpha1, kind: DevSession, metadata: {name: a}, spec: {projectUUID: 550e8400-e29b-41d4-a716-446655440000, projectID: 1, userID: 1, chat: {port: 3000}}}",
         "DevSession a: spec.chat.port: \"3000\" is already the port of preview: the containers share the pod's network"),
        ("{apiVersion: kai.dev/v1, kind: DevSession, metadata: {name: a}}",
         "DevSession a: apiVersion: must be kai.dev/v1alpha1, got kai.dev/v1"),
        ("{apiVersion: kai.dev/v1alpha1, kind: DevSession, spec: {}}", "DevSession: metadata.name: is required"),
    ])
    func aDocumentThatCannotBeRenderedNamesTheField(yaml: String, message: String) throws {
        let document = try YAML.parse(yaml)
        #expect(throws: DevSessionDocumentError.self) { _ = try DevSessionRenderer.render(document: document) }
        do { _ = try DevSessionRenderer.render(document: document) } catch { #expect(error.description == message) }
    }

    // MARK: - Checks of the spec

    /// Each bad value is refused with an error naming its field.
    /// The minimal spec with one change.
    static func changed(_ change: (inout DevSessionSpec) -> Void) -> DevSessionSpec {
        var spec = minimal().spec
        change(&spec)
        return spec
    }

    @Test(arguments: [
        (DevSessionRendererTests.changed { s in s.projectUUID = "550E8400-E29B-41D4-A716-446655440000" }, "spec.projectUUID"),
        (DevSessionRendererTests.changed { s in s.storage = DevSessionStorage(size: "ten") }, "spec.storage.size"),
        (DevSessionRendererTests.changed { s in s.storage = DevSessionStorage(size: "0") }, "spec.storage.size"),
        (DevSessionRendererTests.changed { s in s.resources = DevSessionResources(limits: ["cpu": "2 cores"]) }, "spec.resources.limits.cpu"),
        (DevSessionRendererTests.changed { s in s.resources = DevSessionResources(requests: ["memory": "-1Gi"]) }, "spec.resources.requests.memory"),
        (DevSessionRendererTests.changed { s in s.resources = DevSessionResources(limits: ["cpu": "1"], requests: ["cpu": "1500m"]) },
         "spec.resources.requests.cpu"),
        (DevSessionRendererTests.changed { s in s.chat = DevSessionContainer(port: 3000) }, "spec.chat.port"),
        (DevSessionRendererTests.changed { s in s.vscode = DevSessionContainer(port: 0) }, "spec.vscode.port"),
        (DevSessionRendererTests.changed { s in s.preview = DevSessionContainer(image: "") }, "spec.preview.image"),
        (DevSessionRendererTests.changed { s in s.expiresAfter = "1 year" }, "spec.expiresAfter"),
        (DevSessionRendererTests.changed { s in s.ingress = DevSessionIngress(host: "Dev.Example.com") }, "spec.ingress.host"),
        (DevSessionRendererTests.changed { s in s.storage = DevSessionStorage(storageClassName: "") }, "spec.storage.storageClassName"),
        (DevSessionRendererTests.changed { s in
            s.preview = DevSessionContainer(env: [DevSessionEnvVar(name: "A", value: "1"), DevSessionEnvVar(name: "A", value: "2")])
        }, "spec.preview.env[1].name"),
        (DevSessionRendererTests.changed { s in
            s.chat = DevSessionContainer(env: [DevSessionEnvVar(name: "A", value: "1", valueFrom: DevSessionEnvVarSource(
                fieldRef: .init(fieldPath: "metadata.name")))])
        }, "spec.chat.env[0].valueFrom"),
    ] as [(DevSessionSpec, String)])
    func aValueThatCannotBeUsedNamesItsField(spec: DevSessionSpec, field: String) {
        #expect(throws: DevSessionSpecError.self) { _ = try DevSessionSettings(spec) }
        do {
            _ = try DevSessionSettings(spec)
        } catch {
            #expect(error.field == field)
            #expect(error.description.hasPrefix(field + ": "))
        }
    }

    @Test func anImageWithoutATagIsAllowedWithAWarning() throws {
        var spec = Self.minimal().spec
        spec.chat = DevSessionContainer(image: "registry.example.com:5000/kai/chat")
        spec.vscode = DevSessionContainer(image: "codercom/code-server@sha256:0123456789abcdef")
        let settings = try DevSessionSettings(spec)
        #expect(settings.warnings == [
            "spec.chat.image \"registry.example.com:5000/kai/chat\" has no tag, so it runs :latest, which floats: pin a tag"])
        #expect(try DevSessionSettings(Self.minimal().spec).warnings.isEmpty)
    }

    @Test func defaultsAreTheCRDs() throws {
        let settings = try DevSessionSettings(Self.minimal().spec)
        #expect(settings.endpoints.map(\.image) == [DevSessionDefaults.previewImage, DevSessionDefaults.chatImage, DevSessionDefaults.vscodeImage])
        #expect(settings.endpoints.map(\.port) == [3000, 3001, 8080])
        #expect(settings.endpoints.map(\.path) == ["/preview", "/chat", "/vscode"])
        #expect(settings.limits == ["cpu": "2000m", "memory": "4Gi"])
        #expect(settings.storageSize == "10Gi")
        #expect(settings.ingressEnabled)
        #expect(settings.expiresAfter == .seconds(8760 * 3600))
        #expect(!settings.suspend)
    }

    // MARK: - Quantities, durations, drift

    @Test(arguments: [("2000m", "2"), ("4Gi", "4294967296"), ("1e3", "1k"), ("0.5", "500m"), ("1.5Gi", "1536Mi"), ("100M", "1e8")])
    func equalQuantitiesCompareEqual(a: String, b: String) throws {
        #expect(try #require(DevSessionQuantity(a)) == (try #require(DevSessionQuantity(b))))
    }

    @Test(arguments: ["", "ten", "1.2.3", "5Gb", "1e", "--1", "Gi", "1 Gi"])
    func nonQuantitiesDoNotParse(text: String) {
        #expect(DevSessionQuantity(text) == nil)
    }

    @Test func durationsParseLikeGo() {
        #expect(DevSessionDuration.parse("8760h") == .seconds(8760 * 3600))
        #expect(DevSessionDuration.parse("1h30m") == .seconds(5400))
        #expect(DevSessionDuration.parse("1.5h") == .seconds(5400))
        #expect(DevSessionDuration.parse("250ms") == .milliseconds(250))
        #expect(DevSessionDuration.parse("0") == .zero)
        #expect(DevSessionDuration.parse("1d") == nil)
        #expect(DevSessionDuration.parse("h") == nil)
        #expect(DevSessionDuration.parse("-1h") == nil)
        #expect(DevSessionDuration.parse("") == nil)
    }

    @Test func driftIgnoresServerDefaultsCanonicalQuantitiesAndSidecars() throws {
        let deployment = try #require(try DevSessionRenderer.render(Self.minimal()).first { $0["kind"] == "Deployment" })
        var live = deployment
        live[path: "metadata", "uid"] = "x"
        live[path: "spec", "revisionHistoryLimit"] = 10
        var containers = try #require(live[path: "spec", "template", "spec", "containers"]?.arrayValue)
        containers[0]["imagePullPolicy"] = "IfNotPresent"
        containers[0][path: "resources", "limits", "cpu"] = "2"                    // canonical form of 2000m
        containers.append(["name": "istio-proxy", "image": "istio/proxyv2:1.22"])    // someone's sidecar
        live[path: "spec", "template", "spec", "containers"] = .array(containers)
        #expect(DevSessionDrift.contains(live, deployment))

        containers[1]["image"] = "evil/image:1"
        live[path: "spec", "template", "spec", "containers"] = .array(containers)
        #expect(!DevSessionDrift.contains(live, deployment))
        #expect(DevSessionDrift.firstDifference(live, deployment) == "spec.template.spec.containers[name=chat].image")

        var scaled = deployment
        scaled[path: "spec", "replicas"] = 3
        #expect(DevSessionDrift.firstDifference(scaled, deployment) == "spec.replicas")
        var relabelled = deployment
        relabelled[path: "metadata", "labels", "app.kubernetes.io/part-of"] = nil
        #expect(DevSessionDrift.firstDifference(relabelled, deployment) == "metadata.labels.app.kubernetes.io/part-of")
    }

    @Test func theHashChangesWithTheRendering() throws {
        var session = Self.minimal()
        let before = try DevSessionRenderer.render(session)
        session.spec.storage = DevSessionStorage(size: "20Gi")
        let after = try DevSessionRenderer.render(session)
        let hash = { (children: [JSONValue], kind: JSONValue) in
            children.first { $0["kind"] == kind }?[path: "metadata", "annotations", DevSessionRenderer.hashAnnotation]
        }
        #expect(hash(before, "PersistentVolumeClaim") != hash(after, "PersistentVolumeClaim"))
        #expect(hash(before, "Deployment") == hash(after, "Deployment"))
    }
}
