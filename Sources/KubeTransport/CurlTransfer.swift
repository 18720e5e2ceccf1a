import CCurl
import Synchronization

/// One request in flight: a libcurl easy handle, its callbacks, and the hand-off of
/// the response to the awaiting Swift task.
///
/// Threading: the easy handle and the `loop*` properties are configured on the caller's
/// thread before the transfer is handed to ``CurlMultiLoop`` (the hand-off goes through
/// a mutex, which orders it), and touched only by the loop thread afterwards; libcurl
/// calls the write and header callbacks on that thread too. Everything a consumer task
/// reads goes through `shared`.
///
/// Lifetime: the loop keeps the transfer alive while its handle is in the multi handle,
/// and cleans the easy handle up right after removing it, so libcurl never calls back
/// into a freed object.
final class CurlTransfer: @unchecked Sendable {
    enum Mode {
        /// `send`: collect the body, hand over the whole response at the end.
        case buffered
        /// `stream`: hand over the head as soon as it is complete, then body chunks.
        case streaming
    }

    /// The response head, plus the body in buffered mode.
    struct Outcome: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var httpVersion: String
        var body: [UInt8]
    }

    private struct Shared {
        var cancelled = false
        var outcome: Result<Outcome, TransportError>?
        var outcomeWaiter: CheckedContinuation<Result<Outcome, TransportError>, Never>?
        // Streaming body hand-off.
        var chunks: [[UInt8]] = []
        var bufferedBytes = 0
        var paused = false
        var end: Result<Void, TransportError>?
        var endDelivered = false
        var chunkWaiter: CheckedContinuation<Result<[UInt8]?, TransportError>, Never>?
        // Flow-control statistics, for diagnostics and tests.
        var pauseCount = 0
        var peakBufferedBytes = 0
    }

    let mode: Mode
    let method: String
    let url: String
    private let bufferLimit: Int
    private let shared = Mutex(Shared())
    /// The loop that runs this transfer; cancel and resume commands go there.
    private let loop: CurlMultiLoop

    // Loop-thread state (see the threading note above).
    private(set) var easy: UnsafeMutableRawPointer?
    private var slists: [UnsafeMutablePointer<curl_slist>] = []
    /// CURLOPT_ERRORBUFFER: libcurl writes the specific reason of a failure here.
    let errorBuffer: UnsafeMutablePointer<CChar>
    private var loopStatus = 0
    private var loopVersion = ""
    private var loopHeaders = HTTPHeaders()
    private var loopHeadComplete = false
    private var loopBody: [UInt8] = []

    init(request: HTTPRequest, mode: Mode, options: TransportOptions, loop: CurlMultiLoop) throws(TransportError) {
        self.mode = mode
        self.method = request.method
        self.url = request.url
        self.bufferLimit = max(1, options.streamBufferLimit)
        self.loop = loop
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        guard let handle = curl_easy_init() else {
            throw TransportError(kind: .other, method: method, url: url, summary: "curl_easy_init failed")
        }
        easy = handle
        // On a throw below, deinit cleans up the handle and lists configured so far.
        try configure(handle, request: request, options: options)
    }

    deinit {
        releaseHandle()
        errorBuffer.deallocate()
    }

    /// Remembers a header list so it lives exactly as long as the handle that uses it.
    func retain(_ list: UnsafeMutablePointer<curl_slist>) {
        slists.append(list)
    }

    /// Frees the easy handle and its header lists (after it left the multi handle).
    func releaseHandle() {
        if let easy {
            curl_easy_cleanup(easy)
            self.easy = nil
        }
        for list in slists { curl_slist_free_all(list) }
        slists = []
    }

    // MARK: - Consumer side (any task)

    /// Waits for the response head (streaming) or the whole response (buffered).
    func awaitOutcome() async -> Result<Outcome, TransportError> {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<Result<Outcome, TransportError>, Never>) in
                let ready = shared.withLock { state -> Result<Outcome, TransportError>? in
                    if let outcome = state.outcome { return outcome }
                    state.outcomeWaiter = waiter
                    return nil
                }
                if let ready { waiter.resume(returning: ready) }
            }
        } onCancel: {
            cancel()
        }
    }

    /// Waits for the next body bytes (all that are buffered), nil at the end.
    func nextChunk() async -> Result<[UInt8]?, TransportError> {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<Result<[UInt8]?, TransportError>, Never>) in
                var unpause = false
                let ready = shared.withLock { state -> Result<[UInt8]?, TransportError>? in
                    if !state.chunks.isEmpty {
                        let data = state.chunks.count == 1 ? state.chunks[0] : Array(state.chunks.joined())
                        state.chunks = []
                        state.bufferedBytes = 0
                        if state.paused {
                            state.paused = false
                            unpause = true
                        }
                        return .success(data)
                    }
                    if let end = state.end {
                        if state.endDelivered { return .success(nil) }
                        state.endDelivered = true
                        return end.map { nil }
                    }
                    state.chunkWaiter = waiter
                    return nil
                }
                if unpause { loop.enqueue(.resume(self)) }
                if let ready { waiter.resume(returning: ready) }
            }
        } onCancel: {
            cancel()
        }
    }

    /// Aborts the transfer (idempotent; a no-op once it has finished).
    func cancel() {
        let first = shared.withLock { state in
            guard !state.cancelled, state.end == nil else { return false }
            state.cancelled = true
            return true
        }
        if first { loop.enqueue(.cancel(self)) }
    }

    /// How often a slow consumer paused the transfer, and the most body bytes buffered at once.
    var flowStatistics: (pauses: Int, peakBufferedBytes: Int) {
        shared.withLock { ($0.pauseCount, $0.peakBufferedBytes) }
    }

    var isCancelled: Bool {
        shared.withLock { $0.cancelled }
    }

    // MARK: - Loop side (loop thread only)

    /// Body bytes from libcurl. Returns how many were consumed, or the pause sentinel.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        completeHeadIfNeeded()
        switch mode {
        case .buffered:
            loopBody.append(contentsOf: bytes)
            return bytes.count
        case .streaming:
            let chunk = Array(bytes)
            enum Action { case abort, pause, buffered, handOff(CheckedContinuation<Result<[UInt8]?, TransportError>, Never>) }
            let action = shared.withLock { state -> Action in
                if state.cancelled { return .abort }
                if let waiter = state.chunkWaiter {
                    state.chunkWaiter = nil
                    return .handOff(waiter)
                }
                // Pause instead of buffering beyond the limit: libcurl keeps this chunk
                // and offers it again after the consumer drained the buffer.
                if state.bufferedBytes >= bufferLimit {
                    state.paused = true
                    state.pauseCount += 1
                    return .pause
                }
                state.chunks.append(chunk)
                state.bufferedBytes += chunk.count
                state.peakBufferedBytes = max(state.peakBufferedBytes, state.bufferedBytes)
                return .buffered
            }
            switch action {
            case .abort: return 0
            case .pause: return Int(KAI_CURL_WRITEFUNC_PAUSE)
            case .buffered: return bytes.count
            case .handOff(let waiter):
                waiter.resume(returning: .success(chunk))
                return bytes.count
            }
        }
    }

    /// One header line from libcurl (status line, field, or the blank line ending a block).
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        guard !loopHeadComplete else { return }  // trailers of a chunked body
        // Trim CR LF as bytes: as a String, "\r\n" is one Character and hasSuffix("\n") misses it.
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new response block (a 1xx before the final one starts over).
            let parts = line.split(separator: " ", maxSplits: 2)
            loopVersion = parts.first.map { String($0.dropFirst(5)) } ?? ""
            loopStatus = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            loopHeaders = HTTPHeaders()
        } else if line.isEmpty {
            if !(100..<200).contains(loopStatus) { completeHeadIfNeeded() }
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = Self.trimmed(line[line.index(after: colon)...])
            loopHeaders.add(name: name, value: value)
        }
    }

    /// The transfer left the multi handle with `result`.
    func finish(_ result: CURLcode) {
        if result == CURLE_OK {
            completeHeadIfNeeded()
            if mode == .buffered {
                deliverOutcome(.success(Outcome(status: loopStatus, headers: loopHeaders, httpVersion: loopVersion, body: loopBody)))
                loopBody = []
            }
            deliverEnd(.success(()))
        } else {
            let error = makeError(result)
            deliverOutcome(.failure(error))
            deliverEnd(.failure(error))
        }
    }

    private func completeHeadIfNeeded() {
        guard !loopHeadComplete else { return }
        loopHeadComplete = true
        if let easy {
            var code = 0
            if loopStatus == 0, kai_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK {
                loopStatus = code
            }
            if loopVersion.isEmpty {
                var version = 0
                if kai_curl_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version) == CURLE_OK {
                    loopVersion = Self.versionString(version)
                }
            }
        }
        if mode == .streaming {
            deliverOutcome(.success(Outcome(status: loopStatus, headers: loopHeaders, httpVersion: loopVersion, body: [])))
        }
    }

    private func deliverOutcome(_ outcome: Result<Outcome, TransportError>) {
        let waiter = shared.withLock { state -> CheckedContinuation<Result<Outcome, TransportError>, Never>? in
            guard state.outcome == nil else { return nil }
            state.outcome = outcome
            defer { state.outcomeWaiter = nil }
            return state.outcomeWaiter
        }
        waiter?.resume(returning: outcome)
    }

    private func deliverEnd(_ end: Result<Void, TransportError>) {
        let waiter = shared.withLock { state -> CheckedContinuation<Result<[UInt8]?, TransportError>, Never>? in
            guard state.end == nil else { return nil }
            state.end = end
            // A waiting consumer has an empty buffer, so the end is next in line.
            guard let waiter = state.chunkWaiter else { return nil }
            state.chunkWaiter = nil
            state.endDelivered = true
            return waiter
        }
        waiter?.resume(returning: end.map { nil })
    }

    private func makeError(_ code: CURLcode) -> TransportError {
        if isCancelled {
            return TransportError(kind: .cancelled, method: method, url: url, summary: "request cancelled")
        }
        let message = String(cString: errorBuffer)
        return TransportError(curlCode: code, message: message, method: method, url: url)
    }

    /// Header values lose surrounding spaces and tabs (RFC 9110 optional whitespace).
    private static func trimmed(_ value: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = value.firstIndex(where: { !isSpace($0) }),
              let last = value.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(value[first...last])
    }

    private static func versionString(_ version: Int) -> String {
        switch version {
        case Int(CURL_HTTP_VERSION_1_0): "1.0"
        case Int(CURL_HTTP_VERSION_1_1): "1.1"
        case Int(CURL_HTTP_VERSION_2_0): "2"
        case Int(CURL_HTTP_VERSION_3): "3"
        default: ""
        }
    }
}
