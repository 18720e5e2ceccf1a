import Foundation
import JSON
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real HTTP client for the tests: the stand-ins are driven over the wire.
enum TestHTTP {
    struct Answer: Sendable {
        var status: Int
        /// Header names lowercased.
        var headers: [String: String]
        var body: Data

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body as JSON; a test failure (thrown) when it is not JSON.
        func json() throws -> JSONValue { try JSONValue(parsing: Array(body)) }
    }

    struct BadURL: Error, CustomStringConvertible {
        var url: String
        var description: String { "bad URL \(url)" }
    }

    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        return URLSession(configuration: configuration)
    }()

    static func send(
        _ method: String, _ url: String, headers: [String: String] = [:], body: String? = nil
    ) async throws -> Answer {
        guard let target = URL(string: url) else { throw BadURL(url: url) }
        var request = URLRequest(url: target, timeoutInterval: 30)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body { request.httpBody = Data(body.utf8) }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw BadURL(url: url) }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Answer(status: http.statusCode, headers: fields, body: data)
    }

    static func get(_ url: String, headers: [String: String] = [:]) async throws -> Answer {
        try await send("GET", url, headers: headers)
    }

    static func post(_ url: String, json: String, headers: [String: String] = [:]) async throws -> Answer {
        var all = headers
        all["Content-Type"] = all["Content-Type"] ?? "application/json"
        return try await send("POST", url, headers: all, body: json)
    }

    static func delete(_ url: String, headers: [String: String] = [:]) async throws -> Answer {
        try await send("DELETE", url, headers: headers)
    }
}
