import Foundation
import JSON
import KaiAPI
import KaiControllers
import KubeClient
import KubeReconcile
import KubeTestServer
import Testing
import YAML

/// The DevSession controller end to end against the test API server, running as the operator's
/// ServiceAccount bound to exactly `config/rbac/role.yaml`.
@Suite(.timeLimit(.minutes(2)), .serialized)
struct DevSessionControllerTests {
    static let uuid = "550e8400-e29b-41d4-a716-446655440000"
    static let release = "dev-session-550e8400"

    /// Runs `body` with a started operator and stops the operator whatever happens.
    func withOperator(_ cluster: DevSessionTestCluster, options: DevSessionOptions? = nil,
                      _ body: (DevSessionTestOperator) async throws -> Void) async throws {
        let running = try await cluster.startOperator(options: options)
        do {
            try await body(running)
            await running.stop()
        } catch {
            await running.stop()
            throw error
        }
    }

    // MARK: - Rendering against the API server

    /// Every object of every golden case passes the API server's validation (create with
    /// `dryRun=All`, after creating the Namespace for real).
    @Test func everyRenderedObjectIsAcceptedByTheAPIServer() async throws {
        try await DevSessionTestCluster.with { cluster in
            for name in DevSessionRendererTests.goldenCases {
                let children = try DevSessionRenderer.render(try DevSessionRendererTests.input(name))
                var namespace = children[0]
                namespace[path: "metadata", "ownerReferences"] = nil   // the owner does not exist here
                _ = try await cluster.admin.create(.namespaces, namespace, options: WriteOptions(fieldManager: "kai-operator"))
                for var child in children.dropFirst() {
                    child[path: "metadata", "ownerReferences"] = nil
                    let resource = try #require(ResourceType.builtin(apiVersion: child["apiVersion"]?.stringValue ?? "",
                                                                     kind: child["kind"]?.stringValue ?? ""))
                    let accepted = try await cluster.admin.create(resource, child, options: WriteOptions(dryRun: true, fieldValidation: "Strict"))
                    #expect(accepted[path: "metadata", "name"] == child[path: "metadata", "name"], "\(name): \(resource.kind)")
                }
            }
        }
    }

    // MARK: - The happy path

    @Test func applyCreatesEveryChildThenRunsAndReportsURLs() async throws {
        try await DevSessionTestCluster.with { cluster in
            try await withOperator(cluster) { _ in
                try await cluster.create(DevSessionTestCluster.session("project-456", uuid: Self.uuid,
                                                                       ingress: DevSessionIngress(host: "p456.dev.example.com")))
                try await cluster.eventually("every child exists") {
                    try await cluster.object(.ingresses, Self.release, namespace: Self.uuid) != nil
                }
                let session = try #require(try await cluster.session("project-456"))
                let uid = try #require(session.metadata.uid)
                #expect(session.metadata.finalizers == [DevSession.cleanupFinalizer])

                let namespace = try #require(try await cluster.object(.namespaces, Self.uuid))
                var children = [namespace]
                children += try await cluster.objects(.services, namespace: Self.uuid)
                children += try await cluster.objects(.deployments, namespace: Self.uuid)
                children += try await cluster.objects(.persistentVolumeClaims, namespace: Self.uuid)
                children += try await cluster.objects(.ingresses, namespace: Self.uuid)
                #expect(children.count == 8)
                for child in children {
                    let what = "\(child["kind"]?.stringValue ?? "") \(child[path: "metadata", "name"]?.stringValue ?? "")"
                    let owner = child[path: "metadata", "ownerReferences"]?[0]
                    #expect(owner?["uid"]?.stringValue == uid, "\(what)")
                    #expect(owner?["controller"] == true, "\(what)")
                    #expect(child[path: "metadata", "labels", "app.kubernetes.io/managed-by"] == "kai-operator", "\(what)")
                    #expect(child[path: "metadata", "labels", "app.kubernetes.io/instance"] == .string(Self.release), "\(what)")
                    let managers = child[path: "metadata", "managedFields"]?.arrayValue?.compactMap { $0["manager"]?.stringValue } ?? []
                    #expect(managers.contains("kai-operator"), "\(what)")
                }

                let deploying = try await cluster.waitFor("project-456", "is Deploying") { $0.status?.phase == .deploying }
                #expect(DevSessionTestCluster.condition(deploying, "Reconciling")?.status == "True")
                #expect(DevSessionTestCluster.condition(deploying, "Ready")?.status == "False")
                #expect(DevSessionTestCluster.condition(deploying, "Available")?.status == "False")

                let running = try await cluster.waitUntilRunning("project-456", uuid: Self.uuid)
                let status = try #require(running.status)
                #expect(status.namespace == Self.uuid)
                #expect(status.releaseName == Self.release)
                let service = try #require(try await cluster.object(.services, Self.release, namespace: Self.uuid))
                #expect(status.ipAddress != nil)
                #expect(status.ipAddress == service[path: "spec", "clusterIP"]?.stringValue)
                #expect(status.previewURL == "http://p456.dev.example.com/preview")
                #expect(status.chatURL == "http://p456.dev.example.com/chat")
                #expect(status.vscodeURL == "http://p456.dev.example.com/vscode")
                #expect([status.previewPath, status.chatPath, status.vscodePath] == ["/preview", "/chat", "/vscode"])
                let created = try #require(running.metadata.creationTimestamp.flatMap(Timestamp.parse))
                #expect(status.expiresAt == Timestamp.format(created.addingTimeInterval(8760 * 3600)))
                #expect(status.inventory?.count == 8)
                #expect(DevSessionTestCluster.condition(running, "Available")?.status == "True")
                #expect(DevSessionTestCluster.condition(running, "Reconciling") == nil)
                #expect(DevSessionTestCluster.condition(running, "Stalled") == nil)
                #expect(running.status?.conditions?.allSatisfy { $0.observedGeneration == running.metadata.generation } == true)

                try await cluster.eventually("the transitions are Events") {
                    let reasons = Set(try await cluster.events(regarding: "project-456").compactMap { $0["reason"]?.stringValue })
                    return reasons.isSuperset(of: ["Created", "Deploying", "Running"])
                }
                let runningEvent = try #require(try await cluster.events(reason: "Running").first)
                #expect(runningEvent["reportingController"] == "kai.dev/kai-operator")
                #expect(runningEvent["note"]?.stringValue?.contains("http://p456.dev.example.com/preview") == true)

                try await Self.kubectlWaitSucceeds(cluster, "devsession/project-456")

                // All of that ran with exactly config/rbac/role.yaml, which grants nothing else.
                let configMap: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "x", "namespace": "default"]]
                await #expect(throws: KubeError.self) { _ = try await cluster.operatorClient.create(.configMaps, configMap) }
                do { _ = try await cluster.operatorClient.create(.configMaps, configMap) } catch let error as KubeError { #expect(error.isForbidden) }
            }
        }
    }

    @Test func fluxsRequestedAtAnnotationIsEchoedInStatus() async throws {
        try await DevSessionTestCluster.with { cluster in
            try await withOperator(cluster) { _ in
                try await cluster.create(DevSessionTestCluster.session("project-456", uuid: Self.uuid))
                _ = try await cluster.waitFor("project-456", "is Deploying") { $0.status?.phase == .deploying }
                try await cluster.patch("project-456", ["metadata": ["annotations": ["reconcile.fluxcd.io/requestedAt": "2026-11-22T10:00:00Z"]]])
                let handled = try await cluster.waitFor("project-456", "handled the request") {
                    $0.status?.lastHandledReconcileAt == "2026-11-22T10:00:00Z"
                }
                #expect(handled.status?.phase == .deploying)
            }
        }
    }

    /// `kubectl wait --for=condition=Ready` accepts the status (skipped without kubectl).
    static func kubectlWaitSucceeds(_ cluster: DevSessionTestCluster, _ object: String) async throws {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/kubectl" }
        guard let kubectl = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("devsession-kubectl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let kubeconfig = directory.appendingPathComponent("kubeconfig")
        try cluster.server.kubeconfig().write(to: kubeconfig, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kubectl)
        process.arguments = ["--kubeconfig", kubeconfig.path, "wait", "--for=condition=Ready", object, "--timeout=30s"]
        process.environment = ["HOME": directory.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "kubectl wait: \(text)")
        #expect(text.contains("condition met"), "kubectl wait: \(text)")
    }

    // MARK: - Drift and pruning

    @Test func aDeletedOrEditedChildIsPutBackAndADisabledIngressIsPruned() async throws {
        try await DevSessionTestCluster.with { cluster in
            try await withOperator(cluster) { _ in
                try await cluster.create(DevSessionTestCluster.session("project-456", uuid: Self.uuid))
                try await cluster.waitUntilRunning("project-456", uuid: Self.uuid)

                let preview = "\(Self.release)-preview"
                let original = try #require(try await cluster.object(.services, preview, namespace: Self.uuid))
                _ = try await cluster.admin.delete(.services, name: preview, namespace: Self.uuid)
                try await cluster.eventually("the deleted Service is back") {
                    let service = try await cluster.object(.services, preview, namespace: Self.uuid)
                    return service != nil && service?[path: "metadata", "uid"] != original[path: "metadata", "uid"]
                }

                _ = try await cluster.admin.patch(.deployments, name: Self.release, namespace: Self.uuid, .strategic([
                    "spec": ["template": ["spec": ["containers": [["name": "chat", "image": "someone/else:1"]]]]],
                ]))
                try await cluster.eventually("the edited image is restored") {
                    let deployment = try await cluster.object(.deployments, Self.release, namespace: Self.uuid)
                    return deployment?[path: "spec", "template", "spec", "containers"]?[1]?["image"] == .string(DevSessionDefaults.chatImage)
                }
                try await cluster.eventually("the repairs are Events, one per child") {
                    let events = try await cluster.events(reason: "DriftCorrected")
                    let notes = events.compactMap { $0["note"]?.stringValue }
                    return notes.contains("restored Service \(Self.uuid)/\(preview) (deleted)")
                        && notes.contains("restored Deployment \(Self.uuid)/\(Self.release) (changed at spec.template.spec.containers[name=chat].image)")
                        && events.allSatisfy { $0["type"] == "Warning" && $0[path: "related", "namespace"] == .string(Self.uuid) }
                }

                #expect(try await cluster.object(.ingresses, Self.release, namespace: Self.uuid) != nil)
                try await cluster.patch("project-456", ["spec": ["ingress": ["enabled": false]]])
                try await cluster.eventually("the Ingress is pruned") {
                    try await cluster.object(.ingresses, Self.release, namespace: Self.uuid) == nil
                }
                let pruned = try await cluster.waitFor("project-456", "lists no Ingress") { session in
                    session.status?.observedGeneration == session.metadata.generation
                        && session.status?.inventory?.contains { $0.kind == "Ingress" } == false
                }
                #expect(pruned.status?.inventory?.count == 7)
                #expect(pruned.status?.previewURL == "http://\(preview).\(Self.uuid).svc:3000")
                try await cluster.eventually("the pruning is an Event") { try await !cluster.events(reason: "Pruned").isEmpty }
            }
        }
    }

    // MARK: - Suspend, expiry, deletion

    @Test func suspendScalesToZeroKeepingStorageAndResumeScalesBack() async throws {
        try await DevSessionTestCluster.with { cluster in
            try await withOperator(cluster) { _ in
                try await cluster.create(DevSessionTestCluster.session("project-456", uuid: Self.uuid))
                try await cluster.waitUntilRunning("project-456", uuid: Self.uuid)
                let claim = try #require(try await cluster.object(.persistentVolumeClaims, "\(Self.release)-workspace", namespace: Self.uuid))

                try await cluster.patch("project-456", ["spec": ["suspend": true]])
                let suspended = try await cluster.waitFor("project-456", "is Suspended") { $0.status?.phase == .suspended }
                #expect(DevSessionTestCluster.condition(suspended, "Ready")?.reason == "Suspended")
                #expect(DevSessionTestCluster.condition(suspended, "Available")?.status == "False")
                let scaled = try await cluster.object(.deployments, Self.release, namespace: Self.uuid)
                #expect(scaled?[path: "spec", "replicas"] == 0)
                let kept = try await cluster.object(.persistentVolumeClaims, "\(Self.release)-workspace", namespace: Self.uuid)
                #expect(kept?[path: "metadata", "uid"] == claim[path: "metadata", "uid"])

                try await cluster.patch("project-456", ["spec": ["suspend": false]])
                try await cluster.eventually("the Deployment is scaled back") {
                    try await cluster.object(.deployments, Self.release, namespace: Self.uuid)?[path: "spec", "replicas"] == 1
                }
                try await cluster.waitUntilRunning("project-456", uuid: Self.uuid, "is Running again")
                try await cluster.eventually("suspend and resume are Events") {
                    let reasons = Set(try await cluster.events(regarding: "project-456").compactMap { $0["reason"]?.stringValue })
                    return reasons.isSuperset(of: ["Suspended", "Resumed"])
                }
            }
        }
    }

    @Test func aSessionPastItsExpiryIsDeleted() async throws {
        try await DevSessionTestCluster.with { cluster in
            try await withOperator(cluster) { _ in
                var session = DevSessionTestCluster.session("short-lived", uuid: Self.uuid)
                session.spec.expiresAfter = "1h"
                try await cluster.create(session)
                let deploying = try await cluster.waitFor("short-lived", "reports its expiry") { $0.status?.expiresAt != nil }
                let created = try #require(deploying.metadata.creationTimestamp.flatMap(Timestamp.parse))
                #expect(deploying.status?.expiresAt == Timestamp.format(created.addingTimeInterval(3600)))

                // An hour later, on both the wall clock and the operator's clock.
                cluster.wall.advance(by: 3601)
                cluster.clock.advance(by: .seconds(3601))
                try await cluster.eventually("the expired session and its namespace are gone") {
                    let namespaceGone = try await cluster.object(.namespaces, Self.uuid) == nil
                    return try await cluster.session("short-lived") == nil && namespaceGone
                }
                let expired = try #require(try await cluster.events(reason: "Expired").first)
                #expect(expired["note"]?.stringValue?.contains("expiresAfter 1h") == true)
            }
        }
    }

    @Test func deletionDeletesTheNamespaceAndWaitsForIt() async throws {
        try await DevSessionTestCluster.with { cluster in
            try await withOperator(cluster) { _ in
                try await cluster.create(DevSessionTestCluster.session("project-456", uuid: Self.uuid))
                try await cluster.waitUntilRunning("project-456", uuid: Self.uuid)
                // Something else holds the namespace for a while.
                _ = try await cluster.admin.patch(.namespaces, name: Self.uuid, .merge(["metadata": ["finalizers": ["test.kai.dev/hold"]]]))

                _ = try await cluster.admin.delete(DevSession.self, name: "project-456")
                let terminating = try await cluster.waitFor("project-456", "is Terminating") { $0.status?.phase == .terminating }
                #expect(terminating.metadata.finalizers == [DevSession.cleanupFinalizer])
                #expect(DevSessionTestCluster.condition(terminating, "Ready")?.reason == "Terminating")
                let namespace = try await cluster.object(.namespaces, Self.uuid)
                #expect(namespace?[path: "metadata", "deletionTimestamp"] != nil)
                try await cluster.eventually("the namespace's contents are gone") {
                    try await cluster.objects(.deployments, namespace: Self.uuid).isEmpty
                }
                #expect(try await cluster.session("project-456") != nil)

                _ = try await cluster.admin.patch(.namespaces, name: Self.uuid, .merge(["metadata": ["finalizers": .null]]))
                try await cluster.eventually("the DevSession goes once its namespace is gone") {
                    let namespaceGone = try await cluster.object(.namespaces, Self.uuid) == nil
                    return try await cluster.session("project-456") == nil && namespaceGone
                }
                try await cluster.eventually("deleting and releasing are Events") {
                    let reasons = Set(try await cluster.events(regarding: "project-456").compactMap { $0["reason"]?.stringValue })
                    return reasons.isSuperset(of: ["DeletingNamespace", "Finalized"])
                }
            }
        }
    }

    // MARK: - Conflicts and bad input

    @Test func aForeignNamespaceIsNeverTouchedUnlessAdopted() async throws {
        try await DevSessionTestCluster.with { cluster in
            try await withOperator(cluster) { _ in
                let foreign = try await cluster.admin.create(.namespaces, [
                    "apiVersion": "v1", "kind": "Namespace",
                    "metadata": ["name": .string(Self.uuid), "labels": ["team": "someone-else"]],
                ])
                try await cluster.create(DevSessionTestCluster.session("intruder", uuid: Self.uuid))
                let stalled = try await cluster.waitFor("intruder", "is Stalled") {
                    DevSessionTestCluster.condition($0, "Stalled")?.status == "True"
                }
                let condition = try #require(DevSessionTestCluster.condition(stalled, "Stalled"))
                #expect(condition.reason == "NamespaceConflict")
                #expect(condition.message.contains("kai.dev/adopt"))
                #expect(stalled.status?.phase == .failed)
                #expect(DevSessionTestCluster.condition(stalled, "Ready")?.status == "False")
                #expect(try await cluster.objects(.services, namespace: Self.uuid).isEmpty)
                #expect(try await cluster.objects(.deployments, namespace: Self.uuid).isEmpty)
                try await cluster.eventually("the conflict is a Warning Event") {
                    try await cluster.events(reason: "NamespaceConflict").first?["type"] == "Warning"
                }

                // Deleting the DevSession leaves the foreign namespace alone.
                _ = try await cluster.admin.delete(DevSession.self, name: "intruder")
                try await cluster.eventually("the DevSession is gone") { try await cluster.session("intruder") == nil }
                let untouched = try #require(try await cluster.object(.namespaces, Self.uuid))
                #expect(untouched[path: "metadata", "resourceVersion"] == foreign[path: "metadata", "resourceVersion"])
                #expect(untouched[path: "metadata", "deletionTimestamp"] == nil)

                // With the annotation, a DevSession takes it over.
                var adopting = DevSessionTestCluster.session("adopter", uuid: Self.uuid)
                adopting.metadata.annotations = [DevSession.adoptAnnotation: "true"]
                try await cluster.create(adopting)
                let adopter = try await cluster.waitUntilRunning("adopter", uuid: Self.uuid)
                let adopted = try #require(try await cluster.object(.namespaces, Self.uuid))
                #expect(adopted[path: "metadata", "ownerReferences"]?[0]?["uid"]?.stringValue == adopter.metadata.uid)
                #expect(adopted[path: "metadata", "labels", "team"] == "someone-else")
                try await cluster.eventually("the adoption is an Event") { try await !cluster.events(reason: "Adopted").isEmpty }
            }
        }
    }

    @Test func aSecondSessionForTheSameProjectStallsAndTheFirstIsUntouched() async throws {
        try await DevSessionTestCluster.with { cluster in
            try await withOperator(cluster) { _ in
                try await cluster.create(DevSessionTestCluster.session("first", uuid: Self.uuid))
                let first = try await cluster.waitUntilRunning("first", uuid: Self.uuid)
                let deployment = try await cluster.object(.deployments, Self.release, namespace: Self.uuid)

                cluster.wall.advance(by: 5)
                try await cluster.create(DevSessionTestCluster.session("second", uuid: Self.uuid))
                let second = try await cluster.waitFor("second", "is Stalled") {
                    DevSessionTestCluster.condition($0, "Stalled")?.reason == "ProjectUUIDConflict"
                }
                #expect(DevSessionTestCluster.condition(second, "Stalled")?.message.contains("DevSession first") == true)
                #expect(second.status?.phase == .failed)
                #expect(try await cluster.session("first")?.metadata.resourceVersion == first.metadata.resourceVersion)
                let after = try await cluster.object(.deployments, Self.release, namespace: Self.uuid)
                #expect(after?[path: "metadata", "resourceVersion"] == deployment?[path: "metadata", "resourceVersion"])
                #expect(try await cluster.objects(.deployments, namespace: Self.uuid).count == 1)

                // When the first goes, the second takes the project over.
                _ = try await cluster.admin.delete(DevSession.self, name: "first")
                try await cluster.eventually("the first is gone") { try await cluster.session("first") == nil }
                try await cluster.eventually("the second created its Deployment") {
                    try await cluster.object(.deployments, Self.release, namespace: Self.uuid) != nil
                }
                let taken = try await cluster.waitUntilRunning("second", uuid: Self.uuid)
                #expect(DevSessionTestCluster.condition(taken, "Stalled") == nil)
            }
        }
    }

    @Test func aSpecThatCannotBeUsedStallsNamingTheFieldAndAFixResumes() async throws {
        try await DevSessionTestCluster.with { cluster in
            try await withOperator(cluster) { _ in
                var empty = DevSessionTestCluster.session("empty-disk", uuid: Self.uuid)
                empty.spec.storage = DevSessionStorage(size: "0")
                try await cluster.create(empty)
                let stalled = try await cluster.waitFor("empty-disk", "is Stalled") {
                    DevSessionTestCluster.condition($0, "Stalled")?.status == "True"
                }
                #expect(DevSessionTestCluster.condition(stalled, "Stalled")?.reason == "InvalidSpec")
                #expect(DevSessionTestCluster.condition(stalled, "Stalled")?.message == "spec.storage.size: \"0\" must be greater than zero")
                #expect(stalled.status?.phase == .failed)
                #expect(try await cluster.object(.namespaces, Self.uuid) == nil)

                var greedy = DevSessionTestCluster.session("greedy", uuid: "16fd2706-8baf-433b-82eb-8c7fada847da")
                greedy.spec.resources = DevSessionResources(limits: ["cpu": "1"], requests: ["cpu": "1500m"])
                try await cluster.create(greedy)
                let refused = try await cluster.waitFor("greedy", "is Stalled") {
                    DevSessionTestCluster.condition($0, "Stalled")?.status == "True"
                }
                #expect(DevSessionTestCluster.condition(refused, "Stalled")?.message.hasPrefix("spec.resources.requests.cpu: ") == true)
                try await cluster.eventually("the refusal is a Warning Event") {
                    try await cluster.events(reason: "InvalidSpec").count == 2
                }

                try await cluster.patch("empty-disk", ["spec": ["storage": ["size": "5Gi"]]])
                let fixed = try await cluster.waitFor("empty-disk", "is Deploying") { $0.status?.phase == .deploying }
                #expect(DevSessionTestCluster.condition(fixed, "Stalled") == nil)
            }
        }
    }

    @Test func anImageWithoutATagRunsWithAWarning() async throws {
        try await DevSessionTestCluster.with { cluster in
            try await withOperator(cluster) { _ in
                var session = DevSessionTestCluster.session("floating", uuid: Self.uuid)
                session.spec.preview = DevSessionContainer(image: "nginx")
                try await cluster.create(session)
                try await cluster.waitUntilRunning("floating", uuid: Self.uuid)
                try await cluster.eventually("the warning is an Event") {
                    let warning = try await cluster.events(reason: "ImageTagMissing").first
                    return warning?["type"] == "Warning" && warning?["note"]?.stringValue?.contains("\"nginx\" has no tag") == true
                }
            }
        }
    }

    // MARK: - Restart

    /// The operator stops after creating some children (the Deployment's apply failed); a
    /// fresh one finishes the job: no duplicates, nothing reported as restored.
    @Test func aRestartInTheMiddleOfCreatingFinishesWithoutDuplicates() async throws {
        try await DevSessionTestCluster.with { cluster in
            // Every apply of the Deployment fails until the first operator is gone.
            cluster.server.faults.failNext(1000, withStatus: 500, verb: "patch", pathContains: "/deployments/")
            let first = try await cluster.startOperator()
            do {
                try await cluster.create(DevSessionTestCluster.session("project-456", uuid: Self.uuid))
                _ = try await cluster.waitFor("project-456", "reports the failed apply") {
                    DevSessionTestCluster.condition($0, "Ready")?.reason == "ApplyFailed"
                }
                #expect(try await cluster.object(.deployments, Self.release, namespace: Self.uuid) == nil)
                #expect(try await cluster.objects(.services, namespace: Self.uuid).count == 4)
                await first.stop()
            } catch {
                await first.stop()
                throw error
            }
            cluster.server.faults.reset()

            try await withOperator(cluster) { _ in
                try await cluster.eventually("the Deployment exists") {
                    try await cluster.object(.deployments, Self.release, namespace: Self.uuid) != nil
                }
                let running = try await cluster.waitUntilRunning("project-456", uuid: Self.uuid)
                #expect(running.status?.inventory?.count == 8)
                #expect(try await cluster.objects(.services, namespace: Self.uuid).count == 4)
                #expect(try await cluster.objects(.deployments, namespace: Self.uuid).count == 1)
                #expect(try await cluster.objects(.persistentVolumeClaims, namespace: Self.uuid).count == 1)
                #expect(try await cluster.objects(.ingresses, namespace: Self.uuid).count == 1)
                #expect(try await cluster.events(reason: "DriftCorrected").isEmpty)
                let created = try await cluster.events(reason: "Created").compactMap { $0["note"]?.stringValue }
                #expect(created.filter { $0.contains("Namespace \(Self.uuid)") }.count == 1, "\(created)")
            }
        }
    }
}
