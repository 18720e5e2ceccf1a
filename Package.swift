// swift-tools-version:6.1
// kai-operator: a Kubernetes operator in Swift. Modules follow the data flow:
// transport -> client -> watch -> cache -> queue -> reconcile -> apply/status,
// then the API types, the controllers, the executables and the test support.
import PackageDescription
import Foundation

/// Strict concurrency everywhere (Swift 6 language mode is the default for tools 6.x).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

func module(_ name: String, _ deps: [Target.Dependency] = [], path: String? = nil) -> Target {
    .target(name: name, dependencies: deps, path: path, swiftSettings: strict)
}
func tests(_ name: String, _ deps: [Target.Dependency]) -> Target {
    .testTarget(name: name, dependencies: deps, swiftSettings: strict)
}
func tool(_ name: String, _ deps: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: deps, swiftSettings: strict)
}

let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTLS = Target.Dependency.product(name: "HummingbirdTLS", package: "hummingbird")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let orderedCollections = Target.Dependency.product(name: "OrderedCollections", package: "swift-collections")
let collections = Target.Dependency.product(name: "DequeModule", package: "swift-collections")
let x509 = Target.Dependency.product(name: "X509", package: "swift-certificates")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let asn1 = Target.Dependency.product(name: "SwiftASN1", package: "swift-asn1")
let hummingbirdCore = Target.Dependency.product(name: "HummingbirdCore", package: "hummingbird")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioSSL = Target.Dependency.product(name: "NIOSSL", package: "swift-nio-ssl")
let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")

var targets: [Target] = [
    // C at the edges: one system library module per C library.
    .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                   providers: [.apt(["libcurl4-openssl-dev"])]),
    .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1",
                   providers: [.apt(["libyaml-dev"])]),

    module("JSON", [orderedCollections]),
    module("YAML", ["CYAML", "JSON", orderedCollections]),
    module("KubeTransport", ["CCurl"]),
    module("KubeClient", ["KubeTransport", "JSON", "YAML", logging]),
    module("KubePatch", ["JSON", orderedCollections]),
    module("KubeSchema", ["JSON", orderedCollections]),
    module("KubeQueue", [collections, .product(name: "HeapModule", package: "swift-collections")]),
    module("KubeWatch", ["KubeClient", "JSON", logging]),
    module("KubeCache", ["KubeWatch", "KubeClient", "JSON", logging]),
    module("KubeReconcile", ["KubeClient", "KubeWatch", "KubeCache", "KubeQueue", "JSON", logging, metrics, prometheus, serviceLifecycle, hummingbird]),

    // The kai.dev API types and the three controllers.
    module("KaiAPI", ["KubeClient", "JSON"]),
    module("KaiControllers", ["KaiAPI", "KubeReconcile", "KubeCache", "KubeClient", "KubeTransport", "YAML", "JSON", logging, metrics, hummingbird]),

    // Test support: the sandbox's API server, TLS material and stand-ins.
    module("SandboxTLS", [x509, crypto, asn1]),
    module("KubeTestServer", ["JSON", "YAML", "KubePatch", "KubeSchema", "SandboxTLS", hummingbird, hummingbirdTLS, hummingbirdCore,
                              nioCore, nioSSL, httpTypes, x509, crypto, logging]),
    module("KubeAPITranscripts"),
    module("KaiStandIns", ["JSON", hummingbird, logging]),
    module("KubeWatchTestSupport", ["KubeWatch", "KubeClient", "KubeTransport", "KubeTestServer", "KubeQueue", "JSON", logging]),
    // kubectl and helm run against the test server, for the test targets that need them.
    module("KubectlTestSupport", ["KubeTestServer"]),

    module("KaiCLI", ["KaiControllers", "KaiAPI", "KubeReconcile", "KubeClient", "KubeTransport", "YAML", "JSON", argumentParser, logging]),
    tool("kai-operator", ["KaiCLI"]),
    module("KaiSandbox", ["KaiCLI", "KaiControllers", "KubeReconcile", "KubeTestServer", "KaiStandIns", "KubeClient", "YAML", "JSON", logging]),
    tool("kai-sandbox", ["KaiSandbox", argumentParser, logging]),
    tool("kai-bench", ["KubeQueue", "KubeCache", "KubeWatch", "KubeClient", "KubeTestServer", "JSON", argumentParser, logging,
                      "KaiControllers", "KaiAPI", "KaiSandbox", "KaiStandIns", "KubeTransport"]),

    tests("JSONTests", ["JSON"]),
    tests("YAMLTests", ["YAML", "JSON"]),
    tests("KubeTransportTests", ["KubeTransport", "SandboxTLS", hummingbird, hummingbirdTLS,
                                  .product(name: "HummingbirdCore", package: "hummingbird"),
                                  .product(name: "HummingbirdHTTP2", package: "hummingbird"), x509, logging]),
    tests("KubeClientTests", ["KubeClient", "KubeTransport", "JSON", "YAML", "SandboxTLS", "KubeAPITranscripts", hummingbird, hummingbirdTLS, logging]),
    tests("KubeAPITranscriptsTests", ["KubeAPITranscripts"]),
    tests("KaiAPITests", ["KaiAPI", "KubeSchema", "YAML", "JSON"]),
    // Golden/ holds the reviewed render outputs the tests read by path, not sources.
    .testTarget(name: "KaiControllersTests",
                dependencies: ["KaiControllers", "KaiAPI", "KubeReconcile", "KubeClient", "KubeTransport", "KubeTestServer",
                               "KaiStandIns", "KubeQueue", "YAML", "JSON", metrics],
                exclude: ["Golden"], swiftSettings: strict),
    tests("KaiCLITests", ["KaiCLI", "KubeClient", "KubeTestServer", "KubectlTestSupport", "JSON", "YAML"]),
    tests("KubePatchTests", ["KubePatch", "JSON"]),
    tests("KubeQueueTests", ["KubeQueue"]),
    tests("KubeWatchTests", ["KubeWatch", "KubeWatchTestSupport", "KubeClient", "KubeTestServer", "KubeQueue", "JSON"]),
    tests("KubeCacheTests", ["KubeCache", "KubeWatch", "KubeWatchTestSupport", "KubeClient", "KubeTestServer", "KubeQueue", "JSON"]),
    tests("KubeReconcileTests", ["KubeReconcile", "KubeClient", "KubeCache", "KubeQueue", "KubeTestServer", "KubeTransport", "JSON"]),
    tests("KubeSchemaTests", ["KubeSchema", "JSON"]),
    tests("KubeTestServerTests", ["KubeTestServer", "KubectlTestSupport", "SandboxTLS", "JSON", "YAML", "KubeAPITranscripts"]),
    tests("KubectlTestSupportTests", ["KubectlTestSupport"]),
    tests("KaiStandInsTests", ["KaiStandIns", "JSON", "KubeTransport", hummingbird]),
]

// Development aid: `KAI_TARGETS=YAML,KubePatch swift test --scratch-path .build-x`
// keeps only the named targets, their tests and what they depend on, so several
// people can build one stage each while the rest of the tree is mid-change.
// `KAI_SKIP_TESTS=1` leaves the named targets' test targets out.
if let only = ProcessInfo.processInfo.environment["KAI_TARGETS"], !only.isEmpty {
    let byName = Dictionary(uniqueKeysWithValues: targets.map { ($0.name, $0) })
    var keep = Set<String>()
    func visit(_ name: String) {
        guard let target = byName[name], keep.insert(name).inserted else { return }
        for dep in target.dependencies {
            if case .targetItem(let n, _) = dep { visit(n) }
            if case .byNameItem(let n, _) = dep { visit(n) }
        }
    }
    let withTests = ProcessInfo.processInfo.environment["KAI_SKIP_TESTS"] == nil
    for name in only.split(separator: ",").map(String.init) { visit(name); if withTests { visit(name + "Tests") } }
    targets = targets.filter { keep.contains($0.name) }
}

let package = Package(
    name: "kai-operator",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kai-operator", targets: ["kai-operator"]),
        .executable(name: "kai-sandbox", targets: ["kai-sandbox"]),
    ].filter { p in targets.contains { $0.name == p.name } },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
