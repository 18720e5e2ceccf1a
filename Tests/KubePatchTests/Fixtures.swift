import JSON
import KubePatch

/// Parses JSON written in a test.
func json(_ text: String) throws -> JSONValue {
    try JSONValue(parsing: text)
}

/// The Widget custom resource of the transcripts (02-crud.md case 1).
enum Widget {
    static let apiVersion = "demo.example.com/v1"

    static let openAPIV3Schema = """
    {"type":"object","properties":{
      "spec":{"type":"object","required":["size"],"properties":{
        "size":{"type":"integer","minimum":1},"color":{"type":"string","enum":["red","blue"]}}},
      "status":{"type":"object","properties":{
        "observedGeneration":{"type":"integer","format":"int64"},
        "conditions":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["type"],
          "items":{"type":"object","required":["type","status"],"properties":{
            "type":{"type":"string"},"status":{"type":"string"},"reason":{"type":"string"},
            "message":{"type":"string"},"lastTransitionTime":{"type":"string"},
            "observedGeneration":{"type":"integer"}}}}}}}}
    """

    static func schema() throws -> OpenAPIPatchSchema {
        OpenAPIPatchSchema(openAPIV3Schema: try json(openAPIV3Schema))
    }
}

/// What the API server adds around the patch functions when it stores an
/// object: system metadata.
func stored(_ object: JSONValue, namespace: String = "kt-patch", uid: String = "440ffb62-7306-4211-abe8-08f177939baf",
            resourceVersion: String, generation: Int64 = 1, created: String = "2026-11-22T07:40:19Z") -> JSONValue {
    var result = object
    result[path: "metadata", "namespace"] = .string(namespace)
    result[path: "metadata", "uid"] = .string(uid)
    result[path: "metadata", "resourceVersion"] = .string(resourceVersion)
    result[path: "metadata", "generation"] = .int(generation)
    result[path: "metadata", "creationTimestamp"] = .string(created)
    return result
}

/// A small deterministic random generator (SplitMix64) for generated cases.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
