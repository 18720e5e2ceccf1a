import Foundation
import KubectlTestSupport
import Testing

@Suite("ExternalTool: programs run with a deadline, output through files")
struct ExternalToolTests {
    let shell = ExternalTool(executable: "/bin/sh")

    @Test("status, standard output and standard error are returned")
    func capturesOutputAndStatus() async throws {
        let result = try await shell.run(["-c", "echo out; echo err >&2; exit 3"])
        #expect(result.status == 3)
        #expect(result.stdout == "out\n")
        #expect(result.stderr == "err\n")
        #expect(result.description.contains("exit 3") && result.description.contains("out") && result.description.contains("err"))
    }

    @Test("stdin is written to the program; without it the program reads end of input")
    func standardInput() async throws {
        let echoed = try await shell.run(["-c", "cat"], stdin: "line one\nline two\n")
        #expect(echoed.stdout == "line one\nline two\n")
        let empty = try await shell.run(["-c", "cat"])
        #expect(empty.status == 0 && empty.stdout.isEmpty)
    }

    @Test("the environment is this process's with the tool's own values on top")
    func environment() async throws {
        let tool = ExternalTool(executable: "/bin/sh", environment: ["KTS_VALUE": "from-the-tool"])
        let result = try await tool.run(["-c", #"echo "$KTS_VALUE"; test -n "$PATH" && echo inherited"#])
        #expect(result.stdout == "from-the-tool\ninherited\n", "\(result)")
    }

    @Test("a program still running at the deadline is ended by a signal, even one that ignores SIGTERM")
    func deadline() async throws {
        let result = try await shell.run(["-c", "trap '' TERM; echo started; exec sleep 30"], timeout: 0.2)
        #expect(result.stdout == "started\n")
        #expect([SIGTERM, SIGKILL].contains(result.status), "\(result)")
    }

    @Test("a program that does not exist is an error, not a result")
    func missingProgram() async throws {
        await #expect(throws: (any Error).self) {
            try await ExternalTool(executable: "/nonexistent/kts-tool").run([])
        }
    }

    @Test("find looks in PATH, then in the fallbacks, and answers nil when nothing matches")
    func find() throws {
        #expect(ExternalTool.find("sh")?.hasSuffix("/sh") == true)
        #expect(ExternalTool.find("kts-no-such-tool-\(UUID().uuidString)") == nil)
        let scratch = try ScratchDirectory(prefix: "kts-find")
        defer { scratch.remove() }
        let name = "kts-tool-\(UUID().uuidString)"
        let path = try scratch.write(name, "#!/bin/sh\n")
        #expect(ExternalTool.find(name, fallbacks: [scratch.url.path]) == nil, "not executable yet")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        #expect(ExternalTool.find(name, fallbacks: ["/nonexistent", scratch.url.path]) == path)
    }
}
