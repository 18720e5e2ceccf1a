import Foundation

/// A `kai-bench` subcommand run as a child process and spoken to a line at a time: the parent
/// writes one command to its standard input, the child answers with one line
/// `word key=value …` on its standard output (see ``answerCommands(_:)`` for the child's side).
///
/// The child first prints `ready key=value …`. Closing its standard input (``stop()``, or this
/// process ending) makes it exit, so it never outlives the benchmark that started it.
///
/// Not `Sendable`: it lives in one task or inside one actor, and ``command(_:expecting:isolation:)``
/// runs in its caller's isolation.
final class ChildProcess {
    /// Names the child in errors, e.g. "the server process".
    let name: String
    /// The fields of the child's `ready` line.
    let readyFields: [String: String]

    private let process: Process
    private let input: FileHandle
    private var lines: AsyncStream<String>.Iterator
    /// Set while a command waits for its answer: a second one would read the first one's answer.
    private var waiting = false

    /// Starts `kai-bench <subcommand> <arguments>` and waits for its `ready` line.
    /// - Parameter required: the fields the `ready` line must have.
    /// - Throws: ``BenchError`` when the child exits first or announces something else.
    init(_ subcommand: String, arguments: [String], name: String, required: [String]) async throws {
        self.name = name
        process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executablePath())
        process.arguments = [subcommand] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        input = stdin.fileHandleForWriting
        lines = LineStream.lines(of: stdout.fileHandleForReading.fileDescriptor).makeAsyncIterator()

        guard let line = await lines.next() else {
            process.waitUntilExit()
            throw BenchError("\(name) exited (status \(process.terminationStatus)) before it was ready")
        }
        let (word, fields) = parseFields(line)
        guard word == "ready", required.allSatisfy({ fields[$0] != nil }) else {
            try? input.close()
            throw BenchError("\(name) answered \"\(line)\" instead of ready")
        }
        readyFields = fields
    }

    /// Sends one command and returns its answer, whose first word must be `expecting`.
    func command(_ text: String, expecting: String,
                 isolation: isolated (any Actor)? = #isolation) async throws -> (line: String, fields: [String: String]) {
        guard !waiting else { throw BenchError("another command to \(name) is still waiting") }
        waiting = true
        defer { waiting = false }
        input.write(Data((text + "\n").utf8))
        guard let line = await lines.next(isolation: isolation) else {
            throw BenchError("\(name) exited while running \"\(text)\"")
        }
        let (word, fields) = parseFields(line)
        guard word == expecting else { throw BenchError("\"\(text)\" was answered with \"\(line)\"") }
        return (line, fields)
    }

    /// Ends the child and waits for it.
    func stop() {
        try? input.close()
        process.waitUntilExit()
    }

    /// This executable, to start it again as the child.
    static func executablePath() throws -> String {
        let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchError("cannot find this executable (/proc/self/exe points to \(path))")
        }
        return path
    }

    /// The child's side: answers each line of standard input with `handle` (which emits the
    /// answer) until the input ends; a thrown error is answered `error …` on one line.
    static func answerCommands(_ handle: (String) async throws -> Void) async {
        for await line in LineStream.lines(of: STDIN_FILENO) {
            do {
                try await handle(line)
            } catch {
                emit("error \(String(describing: error).replacingOccurrences(of: "\n", with: " "))")
            }
        }
    }
}
