import JSON
import KubeSchema
import Testing

/// `format` keeps kube-openapi's registry: supported formats are checked, others ignored.
@Suite struct FormatTests {
    func errors(format: String, _ value: String) throws -> [String] {
        let schema = try Fixtures.schema(#"{"type": "object", "properties": {"v": {"type": "string", "format": "\#(format)"}}}"#)
        return schema.validate(.object(["v": .string(value)])).map(\.description)
    }

    func accepts(_ format: String, _ value: String) throws -> Bool { try errors(format: format, value).isEmpty }

    @Test func messageShape() throws {
        #expect(try errors(format: "uuid", "nope") == [#"v: Invalid value: "nope": v in body must be of type uuid: "nope""#])
    }

    @Test func dateTime() throws {
        #expect(try accepts("date-time", "2026-11-22T07:42:16Z"))
        #expect(try accepts("date-time", "2026-11-22T07:42:16.123456+01:00"))
        #expect(try accepts("date-time", "2026-11-22t07:42:16z"))
        #expect(try !accepts("date-time", "yesterday"))
        #expect(try !accepts("date-time", "2026-11-22"))
        #expect(try !accepts("date-time", "2026-11-22T25:00:00Z"))
        #expect(try !accepts("date-time", "2026-02-30T00:00:00Z"))
        #expect(try !accepts("date-time", "2026-11-22T07:42:16"))
    }

    @Test func date() throws {
        #expect(try accepts("date", "2024-02-29"))
        #expect(try !accepts("date", "2023-02-29"))
        #expect(try !accepts("date", "2023-2-01"))
    }

    @Test func uuids() throws {
        #expect(try accepts("uuid", "5a5139ca-b965-4550-8999-7f337b107049"))
        #expect(try accepts("uuid", "5A5139CAB96545508999 7f337b107049".replacingOccurrences(of: " ", with: "")))
        #expect(try !accepts("uuid", "5a5139ca-b965-4550-8999"))
        #expect(try accepts("uuid4", "5a5139ca-b965-4550-8999-7f337b107049"))
        #expect(try !accepts("uuid3", "5a5139ca-b965-4550-8999-7f337b107049"))
    }

    @Test func network() throws {
        #expect(try accepts("ipv4", "10.0.0.1"))
        #expect(try accepts("ipv4", "010.000.000.001"))
        #expect(try !accepts("ipv4", "10.0.0.256"))
        #expect(try !accepts("ipv4", "::1"))
        #expect(try accepts("ipv6", "::1"))
        #expect(try accepts("ipv6", "2001:db8::8a2e:370:7334"))
        #expect(try accepts("ipv6", "::ffff:10.0.0.1"))
        #expect(try !accepts("ipv6", "10.0.0.1"))
        #expect(try !accepts("ipv6", "1::2::3"))
        #expect(try accepts("cidr", "10.96.0.0/12"))
        #expect(try accepts("cidr", "fd00::/8"))
        #expect(try !accepts("cidr", "10.96.0.0/33"))
        #expect(try !accepts("cidr", "10.96.0.0"))
        #expect(try accepts("mac", "00:00:5e:00:53:01"))
        #expect(try !accepts("mac", "00:00:5e:00:53"))
        #expect(try accepts("hostname", "api.example.com"))
        #expect(try !accepts("hostname", "-bad-.example.com"))
        #expect(try accepts("uri", "https://example.com/path?q=1"))
        #expect(try accepts("uri", "/absolute/path"))
        #expect(try !accepts("uri", "relative/path"))
        #expect(try accepts("email", "a.b@example.com"))
        #expect(try accepts("email", "Name <a@example.com>"))
        #expect(try !accepts("email", "not-an-email"))
    }

    @Test func misc() throws {
        #expect(try accepts("byte", "aGVsbG8="))
        #expect(try !accepts("byte", "hello!"))
        #expect(try accepts("duration", "1h30m"))
        #expect(try accepts("duration", "8760h"))
        #expect(try accepts("duration", "3 days"))
        #expect(try !accepts("duration", "soon"))
        #expect(try accepts("hexcolor", "#FFF"))
        #expect(try accepts("rgbcolor", "rgb(1, 2, 255)"))
        #expect(try !accepts("rgbcolor", "rgb(1, 2, 256)"))
        #expect(try accepts("bsonobjectid", "507f1f77bcf86cd799439011"))
        #expect(try accepts("isbn10", "0321751043"))
        #expect(try accepts("isbn13", "978-0321751041"))
        #expect(try accepts("creditcard", "4111 1111 1111 1111"))
        #expect(try accepts("ssn", "123-45-6789"))
        #expect(try accepts("password", "anything"))
    }

    @Test func unsupportedFormatsAreIgnored() throws {
        #expect(try accepts("int32", "not a number"))
        #expect(try accepts("quantity", "lots"))
        #expect(try accepts("my-own-format", "x"))
    }

    @Test func formatOnNonStringsFollowsKubeOpenAPI() throws {
        let schema = try Fixtures.schema(#"{"type": "object", "properties": {"t": {"type": "string", "format": "date-time"}}}"#)
        #expect(schema.validate(try Fixtures.json(#"{"t": 5}"#)).map(\.description)
                == [#"t: Invalid value: "int64": t in body must be of type date-time: "int64""#])
        // kube-openapi lets an array through a string-with-format field; so does the server.
        #expect(schema.validate(try Fixtures.json(#"{"t": ["x"]}"#)).isEmpty)
    }
}
