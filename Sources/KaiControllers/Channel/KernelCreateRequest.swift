import JSON
import KaiAPI

/// The body of `POST /api/kernel/create` (the seed's `KernelCreateRequest`) for a Channel,
/// and the fingerprint of the options it carries.
struct KernelCreateRequest: Sendable, Equatable {
    let contextID: String
    let kernel: ChannelKernelSpec

    /// `{contextId, completionOptions{modelId, temperature, maxTokens?}, embeddingOptions?{modelId},
    /// enabledPlugins}`: `maxTokens` and `embeddingOptions` only when the spec sets them, so the
    /// defaults give exactly the seed's payload.
    var body: JSONValue {
        var completion: JSONValue = ["modelId": .string(kernel.modelID), "temperature": .double(kernel.temperature)]
        if let maxTokens = kernel.maxTokens { completion["maxTokens"] = .int(maxTokens) }
        var body: JSONValue = ["contextId": .string(contextID), "completionOptions": completion]
        if let embedding = kernel.embeddingModelID { body["embeddingOptions"] = ["modelId": .string(embedding)] }
        body["enabledPlugins"] = .array(kernel.enabledPlugins.map(JSONValue.string))
        return body
    }

    /// A stable fingerprint of `spec.kernel` (FNV-1a, 64 bits, hex), kept in
    /// `status.kernelSpecHash`: another value means the options changed since the kernel was made.
    static func fingerprint(_ kernel: ChannelKernelSpec) -> String {
        var text = "modelID=\(kernel.modelID)\ntemperature=\(kernel.temperature)\n"
        text += "maxTokens=\(kernel.maxTokens.map(String.init) ?? "")\nembeddingModelID=\(kernel.embeddingModelID ?? "")\n"
        text += "enabledPlugins=\(kernel.enabledPlugins.joined(separator: ","))\n"
        return Fingerprint.fnv1a(text)
    }
}

/// FNV-1a 64-bit hashes as hex: stable across processes and platforms (unlike `Hasher`).
enum Fingerprint {
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
