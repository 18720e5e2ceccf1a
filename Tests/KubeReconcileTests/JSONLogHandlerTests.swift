import Foundation
import JSON
import KubeReconcile
import Logging
import Synchronization
import Testing

struct JSONLogHandlerTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test func eachLineIsOneJSONObjectWithTheMetadata() throws {
        let lines = Lines()
        let date = Date(timeIntervalSince1970: 1_795_000_000.25)
        var logger = Logger(label: "kai.controller") { label in
            JSONLogHandler(label: label, level: .debug, sink: { lines.append($0) }, now: { date })
        }
        logger[metadataKey: "controller"] = "channel"
        logger.info("reconcile succeeded", metadata: ["namespace": "demo", "name": "c1", "reconcileID": "r-1",
                                                      "msg": "must not replace the message",
                                                      "nested": ["list": ["a", "b"], "map": ["k": "v"]]])
        logger.trace("filtered out by the level")
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(!line.contains("\n"))
        let object = try JSONValue(parsing: line)
        #expect(object["ts"] == "2026-11-18T11:06:40.250000Z")
        #expect(object["level"] == "info")
        #expect(object["logger"] == "kai.controller")
        #expect(object["msg"] == "reconcile succeeded")
        #expect(object["controller"] == "channel")
        #expect(object["namespace"] == "demo")
        #expect(object["name"] == "c1")
        #expect(object["reconcileID"] == "r-1")
        #expect(object["nested"] == ["list": ["a", "b"], "map": ["k": "v"]])
        // The four fixed fields come first, for people reading the raw stream.
        #expect((object.objectValue.map { Array($0.keys) } ?? []).prefix(4) == ["ts", "level", "logger", "msg"])
    }

    @Test func theTextFormatIsSwiftLogsStreamHandler() {
        let handler = LogFormat.text.handler(label: "x", level: .warning)
        #expect(handler is StreamLogHandler)
        #expect(handler.logLevel == .warning)
        #expect(LogFormat.json.handler(label: "x", level: .debug) is JSONLogHandler)
    }
}
