import JSON

/// An error answer of the Prometheus HTTP API:
/// `{"status": "error", "errorType": ..., "error": ...}` with an HTTP status.
struct PrometheusError: Error, Sendable, Equatable {
    var status: Int
    var errorType: String
    var message: String

    var body: JSONValue {
        ["status": "error", "errorType": .string(errorType), "error": .string(message)]
    }

    /// 400 `bad_data`, as Prometheus answers a malformed parameter.
    static func badData(_ message: String) -> PrometheusError {
        PrometheusError(status: 400, errorType: "bad_data", message: message)
    }
}
