import Foundation
import JSON
import Testing
@testable import KubeTestServer

/// The apiserver identity Lease (transcript 08#11) and the `extra` of ServiceAccount token users (09#19).
@Suite("API server identity")
struct APIServerIdentityTests {
    static let leases = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases"

    static func identityLease(_ client: TestHTTPClient) async throws -> JSONValue {
        let items = try await client.get(leases).json["items"]?.arrayValue ?? []
        let found = items.filter { $0[path: "metadata", "labels", "apiserver.kubernetes.io/identity"] == "kube-apiserver" }
        try #require(found.count == 1, "expected one identity Lease in \(items)")
        return found[0]
    }

    @Test("the Lease name is the real apiserver's hash of the host name (the recording's host 'vm')")
    func leaseName() {
        #expect(APIServerIdentityLease.leaseName(hostname: "vm") == "apiserver-wlv32tlttr4jl3gtroqexyxapa")
        #expect(APIServerIdentityLease.leaseName(hostname: "other") != APIServerIdentityLease.leaseName(hostname: "vm"))
        #expect(APIServerIdentityLease.base32([0xFF]) == "74")
        #expect(APIServerIdentityLease.base32(Array("foobar".utf8)) == "MZXW6YTBOI")
    }

    @Test("start writes kube-system/apiserver-<id> with the recorded labels, spec and managedFields")
    func createdAtStart() async throws {
        let server = try KubeTestServer(options: .init(tls: false, adminToken: "admin-token", clock: ManualClock(), hostname: "vm"))
        try await server.start()
        let lease: JSONValue
        do {
            lease = try await Self.identityLease(TestHTTPClient(port: server.port, token: "admin-token"))
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
        #expect(lease[path: "metadata", "name"] == "apiserver-wlv32tlttr4jl3gtroqexyxapa")
        #expect(lease[path: "metadata", "labels"] == ["apiserver.kubernetes.io/identity": "kube-apiserver", "kubernetes.io/hostname": "vm"])
        #expect(lease[path: "metadata", "annotations", "kubernetes.io/peer-advertise-address"] == .string("127.0.0.1:\(server.port)"))
        let holder = lease[path: "spec", "holderIdentity"]?.stringValue ?? ""
        #expect(holder.hasPrefix("apiserver-wlv32tlttr4jl3gtroqexyxapa_") && holder.count == 36 + 1 + 36)
        #expect(lease[path: "spec", "leaseDurationSeconds"] == 3600)
        #expect(lease[path: "spec", "renewTime"]?.stringValue?.count == "2026-11-22T07:42:29.609288Z".count)
        #expect(lease[path: "spec", "acquireTime"] == nil && lease[path: "spec", "leaseTransitions"] == nil)
        let fields = lease[path: "metadata", "managedFields"]?.arrayValue ?? []
        #expect(fields.count == 1)
        #expect(fields.first?["manager"] == "kube-apiserver" && fields.first?["operation"] == "Update")
        #expect(fields.first?[path: "fieldsV1", "f:spec"] == ["f:holderIdentity": [:], "f:leaseDurationSeconds": [:], "f:renewTime": [:]])
        #expect(fields.first?[path: "fieldsV1", "f:metadata", "f:labels"] ==
            [".": [:], "f:apiserver.kubernetes.io/identity": [:], "f:kubernetes.io/hostname": [:]])
    }

    @Test("identityLease: false keeps kube-system free of it (benchmarks count every commit)")
    func identityLeaseCanBeTurnedOff() async throws {
        let server = try KubeTestServer(options: .init(tls: false, adminToken: "admin-token", clock: ManualClock(), identityLease: false))
        try await server.start()
        let items: [JSONValue]
        do {
            items = try await TestHTTPClient(port: server.port, token: "admin-token").get(Self.leases).json["items"]?.arrayValue ?? []
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
        #expect(items.isEmpty)
    }

    @Test("on a test clock it is renewed once 10 s have passed, without a task sleeping on the clock")
    func renewedOnTheServerClock() async throws {
        let clock = ManualClock()
        try await withServer(clock: clock) { server, client in
            #expect(await server.cluster.identityLeaseTask == nil)
            #expect(clock.sleeperCount == 0)
            let first = try await Self.identityLease(client)
            clock.advance(by: .seconds(9))
            let early = try await Self.identityLease(client)
            #expect(early[path: "metadata", "resourceVersion"] == first[path: "metadata", "resourceVersion"])
            clock.advance(by: .seconds(1))
            let renewed = try await Self.identityLease(client)
            #expect(renewed[path: "metadata", "resourceVersion"] != first[path: "metadata", "resourceVersion"])
            #expect(renewed[path: "spec", "holderIdentity"] == first[path: "spec", "holderIdentity"])
            #expect(renewed[path: "metadata", "uid"] == first[path: "metadata", "uid"])
            // A minute without requests is one renewal, not six.
            let before = await server.currentResourceVersion()
            clock.advance(by: .seconds(60))
            _ = try await client.get("/api/v1/namespaces/default")
            #expect(await server.currentResourceVersion() == before + 1)
        }
    }

    @Test("on a real-time clock a background task renews it")
    func realTimeRenewalTask() async throws {
        try await withServer { server, _ in
            #expect(await server.cluster.identityLeaseTask != nil)
            await server.stop()
            #expect(await server.cluster.identityLeaseTask == nil)
        }
    }

    @Test("a deleted Lease is recreated; a restart keeps the name and takes a new holderIdentity")
    func recreatedAndRestarted() async throws {
        let clock = ManualClock()
        try await withServer(clock: clock) { server, client in
            let first = try await Self.identityLease(client)
            let name = first[path: "metadata", "name"]?.stringValue ?? ""
            #expect(try await client.delete("\(Self.leases)/\(name)").status == 200)
            clock.advance(by: .seconds(10))
            let recreated = try await Self.identityLease(client)
            #expect(recreated[path: "metadata", "uid"] != first[path: "metadata", "uid"])
            #expect(recreated[path: "spec", "holderIdentity"] == first[path: "spec", "holderIdentity"])
            try await server.restart()
            let restarted = try await Self.identityLease(client)
            #expect(restarted[path: "metadata", "name"] == first[path: "metadata", "name"])
            #expect(restarted[path: "metadata", "uid"] == recreated[path: "metadata", "uid"])
            #expect(restarted[path: "spec", "holderIdentity"] != first[path: "spec", "holderIdentity"])
        }
    }

    // MARK: - SelfSubjectReview extra

    static let review: JSONValue = ["apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"]
    static let reviews = "/apis/authentication.k8s.io/v1/selfsubjectreviews"

    static func token(_ admin: TestHTTPClient, boundTo ref: JSONValue? = nil) async throws -> TestHTTPClient.Response {
        var spec: JSONValue = ["expirationSeconds": 3600]
        if let ref { spec["boundObjectRef"] = ref }
        return try await admin.post("/api/v1/namespaces/default/serviceaccounts/default/token",
                                    ["apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": spec])
    }

    @Test("a TokenRequest token reports its credential id; the static admin token reports no extra")
    func credentialID() async throws {
        try await withServer { _, admin in
            var sa = admin
            sa.token = try await Self.token(admin).json[path: "status", "token"]?.stringValue
            let info = try await sa.post(Self.reviews, Self.review).json[path: "status", "userInfo"]
            let ids = info?[path: "extra", "authentication.kubernetes.io/credential-id"]?.arrayValue ?? []
            #expect(info?["extra"]?.objectValue?.count == 1)
            #expect(ids.count == 1)
            let id = ids.first?.stringValue ?? ""
            #expect(id.hasPrefix("JTI=") && UUID(uuidString: String(id.dropFirst(4))) != nil)
            var other = admin
            other.token = try await Self.token(admin).json[path: "status", "token"]?.stringValue
            let otherID = try await other.post(Self.reviews, Self.review).json[path: "status", "userInfo", "extra", "authentication.kubernetes.io/credential-id"]
            #expect(otherID != nil && otherID != info?[path: "extra", "authentication.kubernetes.io/credential-id"])
            let adminInfo = try await admin.post(Self.reviews, Self.review).json[path: "status", "userInfo"]
            #expect(adminInfo?["username"] == "admin" && adminInfo?["extra"] == nil)
        }
    }

    @Test("a Pod-bound token reports the pod and, when scheduled, its node; a missing pod is 404")
    func podBound() async throws {
        try await withServer { _, admin in
            let node = try await admin.post("/api/v1/nodes", ["apiVersion": "v1", "kind": "Node", "metadata": ["name": "node-1"]]).json
            let pod = try await admin.post("/api/v1/namespaces/default/pods", [
                "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "app"],
                "spec": ["nodeName": "node-1", "containers": [["name": "app", "image": "nginx:1.27"]]],
            ]).json
            let ref: JSONValue = ["kind": "Pod", "apiVersion": "v1", "name": "app"]
            var sa = admin
            sa.token = try await Self.token(admin, boundTo: ref).json[path: "status", "token"]?.stringValue
            let extra = try await sa.post(Self.reviews, Self.review).json[path: "status", "userInfo", "extra"]
            #expect(extra?["authentication.kubernetes.io/pod-name"] == ["app"])
            #expect(extra?["authentication.kubernetes.io/pod-uid"] == .array([pod[path: "metadata", "uid"] ?? .null]))
            #expect(extra?["authentication.kubernetes.io/node-name"] == ["node-1"])
            #expect(extra?["authentication.kubernetes.io/node-uid"] == .array([node[path: "metadata", "uid"] ?? .null]))
            #expect(extra?["authentication.kubernetes.io/credential-id"] != nil)
            // Go's map encoding: keys sorted.
            #expect(extra?.objectValue.map { Array($0.keys) } == [
                "authentication.kubernetes.io/credential-id", "authentication.kubernetes.io/node-name",
                "authentication.kubernetes.io/node-uid", "authentication.kubernetes.io/pod-name", "authentication.kubernetes.io/pod-uid"])
            let missing = try await Self.token(admin, boundTo: ["kind": "Pod", "apiVersion": "v1", "name": "gone"])
            #expect(missing.status == 404)
            #expect(missing.json["message"] == #"pods "gone" not found"#)
        }
    }
}
