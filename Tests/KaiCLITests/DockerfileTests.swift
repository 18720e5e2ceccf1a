import Foundation
import KubectlTestSupport
import Testing

/// The image build (no container engine here, so its one package step is checked on its own).
@Suite("The Dockerfile")
struct DockerfileTests {
    /// The `ENV` of the build stage, as name/value pairs.
    static func buildEnvironment() throws -> [String: String] {
        let text = try String(contentsOfFile: OperatorRequirementsTests.repositoryRoot + "/Dockerfile", encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("ENV KAI_TARGETS=") }, "the build stage sets no KAI_TARGETS")
        return Dictionary(line.dropFirst("ENV ".count).split(separator: " ").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }, uniquingKeysWith: { _, last in last })
    }

    @Test("the build stage's package (Package.swift and Sources/ only, as copied) loads and has kai-operator")
    func buildStagePackageLoads() async throws {
        let environment = try Self.buildEnvironment()
        #expect(environment["KAI_TARGETS"] == "kai-operator")
        let swift = try #require(ExternalTool.find("swift", fallbacks: ["/opt/swift/usr/bin/swift", "/usr/bin/swift"]))
        // The image copies Package.* and Sources/, never Tests/.
        let scratch = try ScratchDirectory(prefix: "kai-dockerfile")
        defer { scratch.remove() }
        let root = OperatorRequirementsTests.repositoryRoot
        try FileManager.default.copyItem(atPath: root + "/Package.swift", toPath: scratch.path("Package.swift"))
        try FileManager.default.copyItem(atPath: root + "/Sources", toPath: scratch.path("Sources"))
        let tool = ExternalTool(executable: swift, environment: environment)
        let described = try await tool.run(["package", "--package-path", scratch.url.path, "describe", "--type", "json"], timeout: 300)
        #expect(described.status == 0, "\(described)")
        #expect(described.stdout.contains("\"kai-operator\""))
        #expect(!described.stdout.contains("Tests\""))
    }
}
