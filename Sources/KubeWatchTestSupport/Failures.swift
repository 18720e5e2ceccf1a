public import KubeClient
import KubeTransport

/// Errors as the client reports them.
public enum Failures {
    /// A 410 Gone (`Expired`) on a watch.
    public static func gone(_ message: String = "too old resource version: 1 (1969)") -> KubeError {
        .api(APIError(code: 410, method: "WATCH", url: "https://test/apis/demo.example.com/v1/namespaces/demo/widgets",
                      status: Status(status: "Failure", message: message, reason: "Expired", code: 410),
                      body: [], retryAfter: nil))
    }

    /// An API failure with the given code and reason.
    public static func status(_ code: Int, _ reason: String, _ message: String = "refused") -> KubeError {
        .api(APIError(code: code, method: "GET", url: "https://test/apis/demo.example.com/v1/namespaces/demo/widgets",
                      status: Status(status: "Failure", message: message, reason: reason, code: code),
                      body: [], retryAfter: nil))
    }

    /// A transport failure: the connection was reset.
    public static var connectionLost: KubeError {
        .transport(TransportError(kind: .connectionLost, method: "GET", url: "https://test/apis/demo.example.com/v1/widgets",
                                  summary: "Connection reset by peer"))
    }
}
