public import ArgumentParser
import Foundation
public import KubeClient

/// `kai-operator check`: can the operator run against this cluster? Like `flux check`.
public struct CheckCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the connection, identity, server version, CRDs and permissions the operator needs.")

    @Option(name: .long, help: "Path to a kubeconfig (default: $KUBECONFIG, in-cluster, ~/.kube/config).")
    var kubeconfig: String?

    @Option(name: .long, help: "The kubeconfig context to use (default: current-context).")
    var context: String?

    public init() {}

    public func run() async throws {
        let report = try await CheckCommand.check(kubeconfig: kubeconfig ?? ProcessInfo.processInfo.environment["KAI_KUBECONFIG"], context: context)
        print(report.text, terminator: "")
        if !report.ok { throw ExitCode(1) }
    }

    /// The result of a check: what to print and whether everything is in place.
    public struct Report: Sendable {
        public var lines: [String] = []
        public var ok = true
        public var text: String { lines.map { $0 + "\n" }.joined() }
        mutating func section(_ title: String) { lines.append("► \(title)") }
        mutating func pass(_ message: String) { lines.append("✔ \(message)") }
        mutating func fail(_ message: String) { lines.append("✗ \(message)"); ok = false }
    }

    /// Runs every check; throws only when no configuration can be loaded.
    public static func check(kubeconfig: String?, context: String?,
                             environment: ClientConfiguration.Environment = .init()) async throws -> Report {
        var report = Report()
        report.section("checking connection")
        let configuration: ClientConfiguration
        do {
            configuration = try ClientConfiguration.load(kubeconfig: kubeconfig, context: context, environment: environment)
        } catch {
            report.fail("\(error)")
            return report
        }
        let client: KubeClient
        // A check answers quickly: one retry at most, not the controller's patient policy.
        var retry = RetryPolicy()
        retry.maxServerErrorRetries = 1
        do { client = try KubeClient(configuration: configuration, retry: retry) } catch {
            report.fail("\(error)")
            return report
        }
        report.pass("using \(configuration.source), server \(configuration.server)")
        do {
            let version = try await client.serverVersion()
            report.pass("Kubernetes \(version.gitVersion) (\(version.major).\(version.minor))")
        } catch {
            report.fail("cannot reach the API server: \(error)")
            return report
        }

        report.section("checking identity")
        do {
            let user = try await client.whoAmI()
            report.pass("authenticated as \(user.username)" + (user.groups.isEmpty ? "" : " (groups: \(user.groups.joined(separator: ", ")))"))
        } catch {
            report.fail("SelfSubjectReview failed: \(error)")
        }

        report.section("checking CRDs")
        // Discovery lists a CRD's resource only once the CRD is Established, and every
        // authenticated user may read it, so this needs no permission on CRDs themselves.
        do {
            try await client.refreshDiscovery()
            let served = await client.discovery.all
            for name in OperatorRequirements.crds {
                let plural = String(name.prefix { $0 != "." })
                let group = String(name.drop { $0 != "." }.dropFirst())
                let versions = served.filter { $0.type.group == group && $0.type.resource == plural }.map(\.type.version)
                if versions.isEmpty {
                    report.fail("\(name): not installed or not established (kubectl apply -f crds/)")
                } else {
                    report.pass("\(name) (\(versions.joined(separator: ","))): established")
                }
            }
        } catch {
            report.fail("discovery failed: \(error)")
        }

        report.section("checking permissions")
        var missing = 0
        for permission in OperatorRequirements.permissions {
            do {
                let (allowed, reason) = try await client.canI(permission)
                if allowed { report.pass(permission.description) } else {
                    missing += 1
                    report.fail("\(permission.description): not allowed" + (reason.map { $0.isEmpty ? "" : " (\($0))" } ?? ""))
                }
            } catch {
                missing += 1
                report.fail("\(permission.description): \(error)")
            }
        }
        report.lines.append(report.ok ? "✔ all checks passed" : "✗ check failed" + (missing > 0 ? ": \(missing) permission(s) missing" : ""))
        return report
    }
}
