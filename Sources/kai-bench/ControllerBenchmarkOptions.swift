import ArgumentParser

/// The options the controller benchmarks (`channels`, `devsessions`) share.
struct ControllerBenchmarkOptions: ParsableArguments {
    @Option(help: "Seconds to count writes after convergence.")
    var quietSeconds = 60

    @Option(parsing: .upToNextOption, help: "CRD files or folders for the server (run from the repository's root for the default).")
    var crds: [String] = ["crds"]

    func validate() throws {
        guard quietSeconds >= 0 else { throw ValidationError("--quiet-seconds must be 0 or more, got \(quietSeconds)") }
    }
}
