import KaiCLI

// The command tree lives in KaiCLI so tests can run it in-process; the binary
// only marks it as the entry point (@main picks AsyncParsableCommand's async main).
@main
extension KaiOperatorCommand {}
