import Foundation
import KubectlTestSupport
import Testing

@Suite("ScratchDirectory")
struct ScratchDirectoryTests {
    @Test("writes files into a fresh directory and removes it all")
    func writeAndRemove() throws {
        let scratch = try ScratchDirectory(prefix: "kts-scratch")
        let other = try ScratchDirectory(prefix: "kts-scratch")
        defer { other.remove() }
        #expect(scratch.url != other.url)
        let path = try scratch.write("a.txt", "hello")
        #expect(path == scratch.path("a.txt"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello")
        scratch.remove()
        #expect(!FileManager.default.fileExists(atPath: scratch.url.path))
    }
}
