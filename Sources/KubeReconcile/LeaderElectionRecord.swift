import JSON

/// The leader-election fields of a Lease's `spec`.
struct LeaderElectionRecord: Equatable, Sendable {
    var holderIdentity: String?
    var leaseDurationSeconds: Int64?
    /// MicroTime: exactly six fractional digits, or the API server rejects the Lease.
    var acquireTime: String?
    var renewTime: String?
    var leaseTransitions: Int64?

    init(holderIdentity: String?, leaseDurationSeconds: Int64?, acquireTime: String?, renewTime: String?,
         leaseTransitions: Int64?) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }

    /// Reads the record from a Lease; fields of the wrong type count as absent.
    init(lease: JSONValue) {
        let spec = lease["spec"]
        holderIdentity = spec?["holderIdentity"]?.stringValue
        leaseDurationSeconds = spec?["leaseDurationSeconds"]?.intValue
        acquireTime = spec?["acquireTime"]?.stringValue
        renewTime = spec?["renewTime"]?.stringValue
        leaseTransitions = spec?["leaseTransitions"]?.intValue
    }

    /// Writes the record into a Lease's `spec`, keeping its other fields.
    func apply(to lease: inout JSONValue) {
        var spec = lease["spec"] ?? .emptyObject
        spec["holderIdentity"] = holderIdentity.map(JSONValue.string)
        spec["leaseDurationSeconds"] = leaseDurationSeconds.map(JSONValue.int)
        spec["acquireTime"] = acquireTime.map(JSONValue.string)
        spec["renewTime"] = renewTime.map(JSONValue.string)
        spec["leaseTransitions"] = leaseTransitions.map(JSONValue.int)
        lease["spec"] = spec
    }

    /// A new Lease carrying this record.
    func lease(name: String, namespace: String) -> JSONValue {
        var lease: JSONValue = [
            "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
        ]
        apply(to: &lease)
        return lease
    }
}
