/// Media types of request and response bodies.
enum MediaType {
    static let json = "application/json"
    static let yaml = "application/yaml"
    /// Kubernetes protobuf: the magic `k8s\0` and a `runtime.Unknown` envelope (built-in kinds only).
    static let protobuf = "application/vnd.kubernetes.protobuf"
}

/// Accept-header negotiation for API responses.
enum OutputFormat: Sendable, Equatable {
    case json
    case yaml
    /// `application/json;as=Table;v=v1;g=meta.k8s.io` (what `kubectl get` asks for).
    case table
    /// `as=PartialObjectMetadata` / `as=PartialObjectMetadataList`.
    case partialMetadata
    /// `as=APIGroupDiscoveryList` (aggregated discovery); the string is the negotiated media type.
    case aggregatedDiscovery(String)

    struct MediaRange {
        var type: String
        var parameters: [String: String]
        var raw: String
    }

    static func parse(_ header: String?) -> [MediaRange] {
        guard let header, !header.isEmpty else { return [] }
        return header.split(separator: ",").map { item in
            let pieces = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            var params: [String: String] = [:]
            for p in pieces.dropFirst() {
                let kv = p.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2 { params[kv[0].lowercased()] = kv[1] }
            }
            return MediaRange(type: pieces.first?.lowercased() ?? "", parameters: params,
                              raw: item.trimmingCharacters(in: .whitespaces))
        }
    }

    /// The format for an API object response; nil means 406 Not Acceptable.
    static func negotiate(_ header: String?) -> OutputFormat? {
        let ranges = parse(header)
        if ranges.isEmpty { return .json }
        for range in ranges {
            switch range.type {
            case "application/json":
                switch range.parameters["as"] {
                case nil: return .json
                case "Table" where range.parameters["g"] == "meta.k8s.io": return .table
                case "PartialObjectMetadata", "PartialObjectMetadataList": return .partialMetadata
                default: continue
                }
            case "application/yaml": return .yaml
            case "*/*", "application/*": return .json
            default: continue
            }
        }
        return nil
    }

    /// Aggregated discovery if asked for (first supported entry wins), else the legacy documents.
    static func negotiateDiscovery(_ header: String?) -> OutputFormat {
        for range in parse(header) {
            if range.type == "application/json", range.parameters["as"] == "APIGroupDiscoveryList",
               range.parameters["g"] == "apidiscovery.k8s.io", let v = range.parameters["v"], v == "v2" || v == "v2beta1" {
                return .aggregatedDiscovery("application/json;g=apidiscovery.k8s.io;v=\(v);as=APIGroupDiscoveryList")
            }
            if range.type == "application/json" && range.parameters["as"] == nil { return .json }
            if range.type == "*/*" { return .json }
        }
        return .json
    }
}

import Foundation
