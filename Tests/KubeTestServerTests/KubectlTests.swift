import Foundation
import JSON
import KubectlTestSupport
import Testing
@testable import KubeTestServer

@Suite("The real kubectl against the test server", .enabled(if: Kubectl.path != nil, "kubectl is not installed on this machine; skipping the kubectl session"))
struct KubectlTests {
    static let crdYAML = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.demo.example.com
        spec:
          group: demo.example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList, shortNames: [wd], categories: [demo]}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            additionalPrinterColumns:
            - {name: Size, type: integer, jsonPath: .spec.size}
            - {name: Color, type: string, jsonPath: .spec.color}
            - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
            - {name: Observed-Gen, type: integer, jsonPath: .status.observedGeneration, priority: 1}
            - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [size]
                    properties:
                      size: {type: integer, minimum: 1}
                      color: {type: string, enum: [red, blue]}
                  status:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true

        """
    static let widgetYAML = """
        apiVersion: demo.example.com/v1
        kind: Widget
        metadata:
          name: w1
          namespace: default
        spec:
          size: 3
          color: red

        """

    @Test("a scripted kubectl session: apply, get (columns, wide, yaml, watch), patch status, wait, describe, api-resources, server-side apply, delete, whoami")
    func session() async throws {
        let server = try KubeTestServer(options: .init())
        try await server.start()
        let scratch = try ScratchDirectory(prefix: "kts-kubectl")
        defer { scratch.remove() }
        let kubectl = try Kubectl(server: server, scratch: scratch)
        let crd = try scratch.write("crd.yaml", Self.crdYAML)
        let sample = try scratch.write("w1.yaml", Self.widgetYAML)

        do {
            let applyCRD = try await kubectl.run(["apply", "-f", crd])
            #expect(applyCRD.stdout == "customresourcedefinition.apiextensions.k8s.io/widgets.demo.example.com created\n", "\(applyCRD)")
            let applyCR = try await kubectl.run(["apply", "-f", sample])
            #expect(applyCR.stdout == "widget.demo.example.com/w1 created\n", "\(applyCR)")

            let get = try await kubectl.run(["get", "widgets"])
            let lines = get.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
            #expect(lines.first == ["NAME", "SIZE", "COLOR", "READY", "AGE"], "\(get)")
            #expect(Array(lines.dropFirst().first?.prefix(3) ?? []) == ["w1", "3", "red"], "\(get)")
            let wide = try await kubectl.run(["get", "wd", "-o", "wide"])
            #expect(wide.stdout.hasPrefix("NAME") && wide.stdout.contains("OBSERVED-GEN"), "\(wide)")
            let yaml = try await kubectl.run(["get", "widget", "w1", "-o", "yaml"])
            #expect(yaml.stdout.contains("size: 3") && yaml.stdout.contains("kind: Widget"), "\(yaml)")

            let patch = try await kubectl.run(["patch", "widget", "w1", "--subresource=status", "--type=merge", "-p",
                                               #"{"status":{"observedGeneration":1,"conditions":[{"type":"Ready","status":"True","reason":"Done","message":"ok","lastTransitionTime":"2026-11-22T08:00:00Z","observedGeneration":1}]}}"#])
            #expect(patch.stdout == "widget.demo.example.com/w1 patched\n", "\(patch)")
            let wait = try await kubectl.run(["wait", "--for=condition=Ready", "widget/w1", "--timeout=10s"])
            #expect(wait.stdout == "widget.demo.example.com/w1 condition met\n", "\(wait)")
            let ready = try await kubectl.run(["get", "wd", "w1", "--no-headers"])
            #expect(ready.stdout.split(separator: " ", omittingEmptySubsequences: true).dropFirst(3).first == "True", "\(ready)")

            let uid = try await server.object(apiVersion: "demo.example.com/v1", kind: "Widget", namespace: "default", name: "w1")?[path: "metadata", "uid"] ?? ""
            try await server.create([
                "apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": ["name": "w1.1", "namespace": "default"],
                "eventTime": "2026-11-22T08:00:00.000000Z", "reportingController": "demo/widget-controller", "reportingInstance": "c-1",
                "action": "Reconcile", "reason": "Reconciled", "note": "widget is ready", "type": "Normal",
                "regarding": ["apiVersion": "demo.example.com/v1", "kind": "Widget", "namespace": "default", "name": "w1", "uid": uid],
            ])
            let describe = try await kubectl.run(["describe", "widget", "w1"])
            #expect(describe.stdout.contains("Events:") && describe.stdout.contains("Reconciled") && describe.stdout.contains("widget is ready"), "\(describe)")

            let resources = try await kubectl.run(["api-resources", "--api-group=demo.example.com"])
            #expect(resources.stdout.contains("widgets") && resources.stdout.contains("wd") && resources.stdout.contains("Widget"), "\(resources)")

            let serverSide = try await kubectl.run(["apply", "--server-side", "-f", sample])
            #expect(serverSide.stdout == "widget.demo.example.com/w1 serverside-applied\n", "\(serverSide)")

            let watch = try await kubectl.run(["get", "wd", "-w"], timeout: 2)
            #expect(watch.stdout.contains("w1"), "\(watch)")

            let delete = try await kubectl.run(["delete", "widget", "w1"])
            #expect(delete.stdout == "widget.demo.example.com \"w1\" deleted\n", "\(delete)")
            let gone = try await kubectl.run(["get", "widget", "w1"])
            #expect(gone.status != 0 && gone.stderr.contains("NotFound"), "\(gone)")

            // A client-certificate user over HTTPS (CN = user, O = groups).
            let certConfig = try scratch.write("cert-kubeconfig", try server.kubeconfig(user: "cert-user"))
            let whoami = try await kubectl.run(["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"], kubeconfig: certConfig)
            #expect(whoami.stdout == "cert-user", "\(whoami)")
            let denied = try await kubectl.run(["get", "configmaps"], kubeconfig: certConfig)
            #expect(denied.stderr.contains("User \"cert-user\" cannot list resource \"configmaps\""), "\(denied)")
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }
}
