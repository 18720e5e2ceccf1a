import JSON
import YAML

/// The one place that talks to the YAML module: request bodies sent as
/// `application/yaml` / `application/apply-patch+yaml`, and `Accept: application/yaml`.
enum YAMLSupport {
    struct ParseError: Error { var message: String }

    static func parse(_ bytes: [UInt8]) throws(ParseError) -> JSONValue {
        do { return try YAML.parse(bytes) } catch { throw ParseError(message: error.description) }
    }

    static func emit(_ value: JSONValue) -> String { YAML.emit(value) }
}
