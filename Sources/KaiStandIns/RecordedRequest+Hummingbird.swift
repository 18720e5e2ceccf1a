import Hummingbird

extension RecordedRequest {
    /// Records a Hummingbird request whose body has already been collected.
    init(_ request: Request, body: ByteBuffer) {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            if let existing = headers[name] {
                headers[name] = existing + ", " + field.value
            } else {
                headers[name] = field.value
            }
        }
        self.init(
            method: request.method.rawValue,
            path: request.uri.path,
            query: request.uri.query,
            headers: headers,
            body: Array(buffer: body)
        )
    }
}
