public import Foundation
public import JSON
public import KubeTransport

/// The events of one watch request, decoded as they arrive.
///
/// Ends when the server closes the stream (its `timeoutSeconds` or a restart);
/// throws on an `ERROR` event (410 included), a line cut in the middle, or a
/// transport failure. Cancelling the consuming task aborts the transfer.
public struct WatchStream<Object: Sendable>: AsyncSequence, Sendable {
    public typealias Element = WatchEvent<Object>
    let body: HTTPBodyStream
    let url: String
    let decode: @Sendable (_ type: String, _ line: [UInt8]) throws(KubeError) -> WatchEvent<Object>?

    public struct AsyncIterator: AsyncIteratorProtocol {
        var chunks: HTTPBodyStream.AsyncIterator
        var splitter = LineSplitter()
        var ready: [[UInt8]] = []
        var readyIndex = 0
        let url: String
        let decode: @Sendable (String, [UInt8]) throws(KubeError) -> WatchEvent<Object>?

        public mutating func next() async throws -> WatchEvent<Object>? {
            while true {
                while readyIndex < ready.count {
                    let line = ready[readyIndex]
                    readyIndex += 1
                    if let event = try decodeLine(line) { return event }
                }
                ready.removeAll(keepingCapacity: true)
                readyIndex = 0
                let chunk: [UInt8]?
                do { chunk = try await chunks.next() } catch {
                    throw KubeError.transport(error)
                }
                guard let chunk else {
                    if !splitter.pending.isEmpty {
                        throw KubeError.watch("\(url): the stream ended in the middle of an event: \(String(decoding: splitter.pending.prefix(200), as: UTF8.self))")
                    }
                    return nil
                }
                ready = try splitter.feed(chunk)
            }
        }

        func decodeLine(_ line: [UInt8]) throws(KubeError) -> WatchEvent<Object>? {
            let type = WatchStream.peekType(line)
            switch type {
            case "BOOKMARK":
                let value = try WatchStream.parseJSON(line, url: url)
                let meta = value[path: "object", "metadata"]
                return .bookmark(resourceVersion: meta?["resourceVersion"]?.stringValue ?? "",
                                 initialEventsEnd: meta?[path: "annotations", "k8s.io/initial-events-end"]?.stringValue == "true")
            case "ERROR":
                let value = try WatchStream.parseJSON(line, url: url)
                let object = value["object"] ?? .null
                let status = try? object.decode(Status.self)
                throw .api(APIError(code: status?.code ?? 500, method: "WATCH", url: url, status: status,
                                    body: Array(object.serialized().utf8), retryAfter: nil))
            default:
                return try decode(type ?? "", line)
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(chunks: body.makeAsyncIterator(), url: url, decode: decode)
    }

    /// The `type` of an event line without parsing it: the API server always
    /// writes `{"type":"…"` first. nil when the line has another shape.
    static func peekType(_ line: [UInt8]) -> String? {
        let prefix = Array(#"{"type":""#.utf8)
        guard line.count > prefix.count, line.starts(with: prefix) else { return nil }
        var end = prefix.count
        while end < line.count, line[end] != UInt8(ascii: "\"") { end += 1 }
        return String(decoding: line[prefix.count..<end], as: UTF8.self)
    }

    static func parseJSON(_ line: [UInt8], url: String) throws(KubeError) -> JSONValue {
        do { return try JSONValue(parsing: line) } catch {
            throw .decoding(url: url, path: "", message: "invalid watch event: \(error.description)")
        }
    }
}

/// Decodes `{"type": …, "object": T}` in one pass.
struct TypedEnvelope<T: Decodable>: Decodable {
    var type: String
    var object: T
}

extension KubeClient {
    /// WATCH a typed kind.
    /// - Parameter decoding: what to leave out of each event's object and whether equal strings
    ///   share storage (through one ``StringInterner`` per stream, bounded to
    ///   ``watchInternerLimit`` strings; default: everything decoded, as sent).
    public func watch<T: KubernetesResource>(_ type: T.Type, namespace: String? = nil,
                                             options: WatchOptions = WatchOptions(),
                                             decoding: DecodingOptions = DecodingOptions()) async throws(KubeError) -> WatchStream<T> {
        let r = T.resource
        let (body, url) = try await openWatch(r.path(namespace: r.namespaced ? namespace : nil), options)
        // One table for the stream: a streaming initial list shares strings across its objects,
        // and the limit keeps a long-lived stream from holding every string it ever saw.
        let interner = decoding.internStrings ? StringInterner(limit: Self.watchInternerLimit) : nil
        return WatchStream(body: body, url: url) { (kind: String, line: [UInt8]) throws(KubeError) -> WatchEvent<T>? in
            let envelope: TypedEnvelope<T>
            do { envelope = try decoding.makeDecoder(interner: interner).decode(TypedEnvelope<T>.self, from: Data(line)) } catch let error as DecodingError {
                let (path, message) = KubeClient.describe(error)
                throw .decoding(url: url, path: path, message: message)
            } catch {
                throw .decoding(url: url, path: "", message: "\(error)")
            }
            return try WatchStream<T>.event(envelope.type, envelope.object, url: url)
        }
    }

    /// WATCH any resource, as JSON values.
    /// - Parameter decoding: with ``DecodingOptions/skipManagedFields`` each object's
    ///   `metadata.managedFields` is removed as soon as the event is parsed.
    public func watch(_ resource: ResourceType, namespace: String? = nil,
                      options: WatchOptions = WatchOptions(),
                      decoding: DecodingOptions = DecodingOptions()) async throws(KubeError) -> WatchStream<JSONValue> {
        let (body, url) = try await openWatch(resource.path(namespace: resource.namespaced ? namespace : nil), options)
        return WatchStream(body: body, url: url) { (_: String, line: [UInt8]) throws(KubeError) -> WatchEvent<JSONValue>? in
            let value = try WatchStream<JSONValue>.parseJSON(line, url: url)
            guard let type = value["type"]?.stringValue, var object = value["object"] else {
                throw .decoding(url: url, path: "type", message: "a watch event needs type and object")
            }
            if decoding.skipManagedFields { object.removeManagedFields() }
            return try WatchStream<JSONValue>.event(type, object, url: url)
        }
    }

    /// How many strings a watch stream's ``StringInterner`` keeps before starting over.
    public static let watchInternerLimit = 4096

    func openWatch(_ path: String, _ options: WatchOptions) async throws(KubeError) -> (HTTPBodyStream, String) {
        var request = KubeRequest(method: "GET", path: path, query: options.query)
        request.isWatch = true
        // Opening the stream goes through the same auth and error handling as any read,
        // so a 410/403 before the first byte is an ``APIError``.
        var attempt = 0
        var refreshed = false
        while true {
            attempt += 1
            if let rateLimiter { await rateLimiter.acquire() }
            let identity = try await authenticator.identity()
            let http = makeHTTPRequest(request, identity: identity)
            let response: HTTPStreamingResponse
            let transport = try transports.transport(for: identity)
            do {
                response = try await transport.stream(http)
            } catch {
                observer?("WATCH", "<error>", hostOf(http.url))
                throw .transport(error)
            }
            observer?("WATCH", String(response.status), hostOf(http.url))
            if (200..<300).contains(response.status) { return (response.body, http.url) }
            var bytes: [UInt8] = []
            do { for try await chunk in response.body { bytes += chunk; if bytes.count > 1 << 20 { break } } } catch {}
            let error = Self.apiError(HTTPResponse(status: response.status, headers: response.headers, body: bytes, httpVersion: ""),
                                      method: "GET", url: http.url)
            if response.status == 429, attempt <= retry.maxTooManyRequestsRetries {
                try await sleep(error.retryAfterSeconds.map { .seconds($0) } ?? retry.backoff(attempt: attempt))
                continue
            }
            if response.status == 401, !refreshed {
                refreshed = true
                if await authenticator.invalidate() { continue }
            }
            throw .api(error)
        }
    }
}

extension WatchStream {
    static func event(_ type: String, _ object: Object, url: String) throws(KubeError) -> WatchEvent<Object> {
        switch type {
        case "ADDED": return .added(object)
        case "MODIFIED": return .modified(object)
        case "DELETED": return .deleted(object)
        default: throw .watch("\(url): unknown event type \"\(type)\"")
        }
    }
}
