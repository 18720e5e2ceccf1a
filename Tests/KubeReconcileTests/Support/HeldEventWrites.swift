import JSON
import KubeTransport
import Synchronization

/// A transport that holds every Event create until ``release()``, and says which objects'
/// Events are being written at the moment (to see concurrency without timing anything).
final class HeldEventWrites: HTTPTransport {
    let base: CurlTransport
    let gate = Gate()
    private let held = Mutex<[String]>([])

    init() throws {
        base = try CurlTransport()
    }

    /// `regarding.name` of each Event create in flight, in arrival order.
    var inFlight: [String] { held.withLock { $0 } }

    func release() { gate.open() }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        guard request.method == "POST", request.url.contains("/apis/events.k8s.io/v1/"), let body = request.body else {
            return try await base.send(request)
        }
        let name = (try? JSONValue(parsing: body))?[path: "regarding", "name"]?.stringValue ?? "?"
        held.withLock { $0.append(name) }
        await gate.wait()
        defer { held.withLock { held in held.firstIndex(of: name).map { _ = held.remove(at: $0) } } }
        return try await base.send(request)
    }

    func stream(_ request: HTTPRequest) async throws(TransportError) -> HTTPStreamingResponse {
        try await base.stream(request)
    }
}
