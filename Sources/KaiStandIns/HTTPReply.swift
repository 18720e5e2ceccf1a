import Hummingbird
import JSON

/// Builds the stand-ins' HTTP responses.
enum HTTPReply {
    /// A JSON response with `status`.
    static func json(_ status: Int, _ body: JSONValue, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: .init(code: status),
            headers: fields,
            body: .init(byteBuffer: ByteBuffer(string: body.serialized()))
        )
    }

    /// A response whose body is given as text by a test: labelled JSON when it parses
    /// as JSON, plain text otherwise.
    static func text(_ status: Int, _ body: String) -> Response {
        let isJSON = (try? JSONValue(parsing: body)) != nil
        let contentType = isJSON ? "application/json; charset=utf-8" : "text/plain; charset=utf-8"
        return Response(
            status: .init(code: status),
            headers: [.contentType: contentType],
            body: .init(byteBuffer: ByteBuffer(string: body))
        )
    }

    /// The `{"message": ...}` error body of the kernel API (the seed's shape).
    static func message(_ status: Int, _ message: String, _ extra: [(String, JSONValue)] = [], headers: HTTPFields = [:])
        -> Response
    {
        var body: JSONValue = ["message": .string(message)]
        for (key, value) in extra { body[key] = value }
        return json(status, body, headers: headers)
    }

    /// Checks a status code given by a test before it reaches `HTTPResponse.Status`, which traps.
    static func validate(status: Int, parameter: String = "status") throws(StandInError) {
        guard (100...599).contains(status) else {
            throw .invalidArgument("\(parameter) must be an HTTP status code in 100...599, got \(status)")
        }
    }
}
