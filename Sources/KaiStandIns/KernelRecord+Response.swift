import Foundation
import JSON

extension KernelRecord {
    /// The seed's `KernelResponse`:
    /// `{userId, contextId, lastAccessTime, plugins[{name, functions}], modelInfo{completionModelId, temperature, maxTokens}}`.
    var responseBody: JSONValue {
        [
            "userId": .string(userId),
            "contextId": .string(contextId),
            "lastAccessTime": .string(Self.timestamp(lastAccessTime)),
            "plugins": .array(
                plugins.map { plugin in
                    ["name": .string(plugin.name), "functions": .array(plugin.functions.map { .string($0) })]
                }
            ),
            "modelInfo": [
                "completionModelId": .string(completionModelId),
                "temperature": .double(temperature),
                "maxTokens": .int(Int64(maxTokens)),
            ],
        ]
    }

    /// ISO 8601 in UTC with milliseconds, as in the seed (`2023-05-13T12:34:56.789Z`).
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
