import Crypto
import Foundation
import JSON

/// The Lease by which a kube-apiserver announces itself (KEP-1965 "kube-apiserver identity"):
/// `kube-system/apiserver-<hash of the hostname>`, held by `<lease name>_<uuid of this run>`,
/// `leaseDurationSeconds: 3600` and renewed every 10 s by the apiserver's own lease controller.
///
/// This type decides *what* the Lease looks like; `Cluster+APIServerIdentityLease` decides
/// *when* it is written.
struct APIServerIdentityLease: Sendable {
    static let namespace = "kube-system"
    static let identityLabel = "apiserver.kubernetes.io/identity"
    static let identityValue = "kube-apiserver"
    static let hostnameLabel = "kubernetes.io/hostname"
    static let peerAddressAnnotation = "kubernetes.io/peer-advertise-address"
    /// The field manager of the apiserver's own writes.
    static let manager = "kube-apiserver"
    static let leaseDurationSeconds: Int64 = 3600
    static let renewInterval: Duration = .seconds(10)
    static let storage = GroupResource(group: "coordination.k8s.io", resource: "leases")

    var hostname: String
    /// `apiserver-<id>`: the same for every run on one host, so a restart renews the same Lease.
    var name: String
    /// `<name>_<uuid>`: new for every run, so clients can tell a restart.
    var holderIdentity: String
    /// `host:port` the server listens on.
    var peerAddress: String

    init(hostname: String, peerAddress: String, runID: String) {
        self.hostname = hostname
        self.name = Self.leaseName(hostname: hostname)
        self.holderIdentity = name + "_" + runID
        self.peerAddress = peerAddress
    }

    var key: ObjectKey { ObjectKey(namespace: Self.namespace, name: name) }

    /// k8s.io/apiserver's identity: SHA-256 over the hostname and "kube-apiserver", each with a
    /// 2-byte big-endian length prefix (cryptobyte), first 16 bytes as unpadded lower-case base32.
    static func leaseName(hostname: String) -> String {
        var data: [UInt8] = []
        for part in [hostname, identityValue] {
            let bytes = Array(part.utf8.prefix(Int(UInt16.max)))
            data += [UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes
        }
        let digest = Array(SHA256.hash(data: data)).prefix(16)
        return "apiserver-" + base32(Array(digest)).lowercased()
    }

    /// RFC 4648 base32 without padding.
    static func base32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var out = ""
        var buffer = 0, bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
            buffer &= (1 << bits) - 1
        }
        if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return out
    }

    /// The Lease as the controller writes it: `existing` (nil when creating) with the identity
    /// labels, the peer address, this run's holder and a new `renewTime`; other labels,
    /// annotations and fields someone else set stay, as the real controller's Update keeps them.
    func renewed(_ existing: JSONValue?, renewTime: String) -> JSONValue {
        var lease: JSONValue = existing ?? [
            "kind": "Lease", "apiVersion": "coordination.k8s.io/v1",
            "metadata": ["name": .string(name), "namespace": .string(Self.namespace)],
        ]
        if lease[path: "metadata", "labels"]?.objectValue == nil { lease[path: "metadata", "labels"] = [:] }
        lease[path: "metadata", "labels", Self.identityLabel] = .string(Self.identityValue)
        lease[path: "metadata", "labels", Self.hostnameLabel] = .string(hostname)
        if lease[path: "metadata", "annotations"]?.objectValue == nil { lease[path: "metadata", "annotations"] = [:] }
        lease[path: "metadata", "annotations", Self.peerAddressAnnotation] = .string(peerAddress)
        if lease["spec"]?.objectValue == nil { lease["spec"] = [:] }
        lease[path: "spec", "holderIdentity"] = .string(holderIdentity)
        lease[path: "spec", "leaseDurationSeconds"] = .int(Self.leaseDurationSeconds)
        lease[path: "spec", "renewTime"] = .string(renewTime)
        return lease
    }

    /// The machine's hostname, as the real apiserver reads it (`os.Hostname`).
    static func machineHostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
