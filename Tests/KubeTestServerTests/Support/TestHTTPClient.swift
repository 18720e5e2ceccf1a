import Foundation
import JSON

#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over a plain TCP socket: enough to drive the test
/// server without TLS, including chunked watch streams read line by line.
/// (Foundation's URLSession is not dependable for streaming on Linux.)
struct TestHTTPClient: Sendable {
    struct Response: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        func headers(_ name: String) -> [String] { headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1) }
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: JSONValue { (try? JSONValue(parsing: body)) ?? .null }
    }

    struct ClientError: Error, CustomStringConvertible { var description: String }

    let port: Int
    var token: String?
    var userAgent = "test-client/1.0"

    func get(_ path: String, accept: String = "application/json", headers: [(String, String)] = []) async throws -> Response {
        try await send("GET", path, headers: [("Accept", accept)] + headers)
    }

    func post(_ path: String, _ body: JSONValue, contentType: String = "application/json") async throws -> Response {
        try await send("POST", path, headers: [("Content-Type", contentType)], body: body.serializedBytes())
    }

    func put(_ path: String, _ body: JSONValue) async throws -> Response {
        try await send("PUT", path, headers: [("Content-Type", "application/json")], body: body.serializedBytes())
    }

    func patch(_ path: String, _ body: JSONValue, type: String = "application/merge-patch+json") async throws -> Response {
        try await send("PATCH", path, headers: [("Content-Type", type)], body: body.serializedBytes())
    }

    func delete(_ path: String, _ body: JSONValue? = nil) async throws -> Response {
        try await send("DELETE", path, headers: body == nil ? [] : [("Content-Type", "application/json")], body: body?.serializedBytes() ?? [])
    }

    /// Runs the blocking exchange on its own thread: blocking a cooperative-pool
    /// thread could starve the server, which runs on the same pool.
    func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []) async throws -> Response {
        let request = requestBytes(method, path, headers: headers, body: body)
        let port = self.port
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try Self.exchange(port: port, method: method, request: request) })
            }.start()
        }
    }

    private static func exchange(port: Int, method: String, request: [UInt8]) throws -> Response {
        let connection = try Connection(port: port)
        defer { connection.close() }
        try connection.write(request)
        let head = try connection.readHead()
        var response = Response(status: head.status, headers: head.headers, body: [])
        if method == "HEAD" || head.status == 304 { return response }
        if head.headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased().contains("chunked") }) {
            while let chunk = try connection.readChunk() { response.body += chunk }
        } else if let length = head.headers.first(where: { $0.0.lowercased() == "content-length" }).flatMap({ Int($0.1) }) {
            response.body = try connection.read(count: length)
        } else {
            response.body = try connection.readToEnd()
        }
        return response
    }

    /// Opens a watch and returns its status and the event lines as they arrive (the stream ends at EOF).
    func watch(_ path: String, accept: String = "application/json") async throws -> (status: Int, events: AsyncThrowingStream<JSONValue, any Error>) {
        let request = requestBytes("GET", path, headers: [("Accept", accept)], body: [])
        let port = self.port
        let (connection, head) = try await withCheckedThrowingContinuation { (c: CheckedContinuation<(Connection, (status: Int, headers: [(String, String)])), any Error>) in
            Thread {
                c.resume(with: Result {
                    let connection = try Connection(port: port)
                    try connection.write(request)
                    return (connection, try connection.readHead())
                })
            }.start()
        }
        let (stream, continuation) = AsyncThrowingStream<JSONValue, any Error>.makeStream()
        let thread = Thread {
            var pending: [UInt8] = []
            do {
                while let chunk = try connection.readChunk() {
                    pending += chunk
                    while let newline = pending.firstIndex(of: 0x0A) {
                        let line = Array(pending[..<newline])
                        pending.removeFirst(newline + 1)
                        continuation.yield(try JSONValue(parsing: line))
                    }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
            connection.close()
        }
        continuation.onTermination = { _ in connection.shutdown() }
        thread.start()
        return (head.status, stream)
    }

    private func requestBytes(_ method: String, _ path: String, headers: [(String, String)], body: [UInt8]) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUser-Agent: \(userAgent)\r\nConnection: close\r\n"
        if let token { text += "Authorization: Bearer \(token)\r\n" }
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(body.count)\r\n\r\n"
        return Array(text.utf8) + body
    }

    /// A blocking socket with a small read buffer.
    final class Connection: @unchecked Sendable {
        let fd: Int32
        var buffer: [UInt8] = []
        var eof = false

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw ClientError(description: "socket() failed") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard result == 0 else { Glibc.close(fd); throw ClientError(description: "connect to port \(port) failed") }
        }

        func write(_ bytes: [UInt8]) throws {
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
                guard n > 0 else { throw ClientError(description: "send failed") }
                offset += n
            }
        }

        private func fill() throws -> Bool {
            if eof { return false }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { eof = true; return false }
            buffer += chunk[..<n]
            return true
        }

        func readLine() throws -> String? {
            while true {
                if let i = buffer.firstIndex(of: 0x0A) {
                    var line = Array(buffer[..<i])
                    buffer.removeFirst(i + 1)
                    if line.last == 0x0D { line.removeLast() }
                    return String(decoding: line, as: UTF8.self)
                }
                if try !fill() { return nil }
            }
        }

        func read(count: Int) throws -> [UInt8] {
            while buffer.count < count { if try !fill() { break } }
            let n = min(count, buffer.count)
            let out = Array(buffer[..<n])
            buffer.removeFirst(n)
            return out
        }

        func readToEnd() throws -> [UInt8] {
            while try fill() {}
            defer { buffer = [] }
            return buffer
        }

        func readHead() throws -> (status: Int, headers: [(String, String)]) {
            guard let statusLine = try readLine() else { throw ClientError(description: "no response") }
            let parts = statusLine.split(separator: " ")
            guard parts.count >= 2, let status = Int(parts[1]) else { throw ClientError(description: "bad status line \(statusLine)") }
            var headers: [(String, String)] = []
            while let line = try readLine(), !line.isEmpty {
                let kv = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if kv.count == 2 { headers.append((kv[0], kv[1])) }
            }
            return (status, headers)
        }

        /// The next chunk of a chunked body; nil at the terminating zero chunk or EOF.
        func readChunk() throws -> [UInt8]? {
            guard let sizeLine = try readLine(), let size = Int(sizeLine.split(separator: ";")[0], radix: 16) else { return nil }
            if size == 0 { _ = try readLine(); return nil }
            let data = try read(count: size)
            _ = try readLine()
            return data
        }

        func shutdown() { _ = Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
        func close() { Glibc.close(fd) }
    }
}
