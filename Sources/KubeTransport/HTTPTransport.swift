/// What the rest of the operator needs from HTTP: one request in, one response out,
/// or a response whose body streams. ``CurlTransport`` is the real implementation;
/// tests substitute their own.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and reads the whole response body.
    ///
    /// Any status code is a successful response; only failures to get a response
    /// (connect, TLS, timeout, cancellation, ...) throw.
    /// - Throws: ``TransportError``; kind ``TransportError/Kind/cancelled`` if the task is cancelled.
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse

    /// Sends `request` and returns as soon as the response head has arrived; the body
    /// is delivered chunk by chunk as it arrives.
    /// - Throws: ``TransportError`` if no response head could be obtained.
    func stream(_ request: HTTPRequest) async throws(TransportError) -> HTTPStreamingResponse
}
