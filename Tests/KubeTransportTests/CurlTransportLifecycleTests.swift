@testable import KubeTransport
import Testing

/// Observes a loop without keeping it alive.
private final class WeakLoop: @unchecked Sendable {
    weak var loop: CurlMultiLoop?
    init(_ loop: CurlMultiLoop) { self.loop = loop }
}

@Suite("CurlTransport lifecycle")
struct CurlTransportLifecycleTests {
    @Test func loopThreadEndsWhenTheTransportIsGone() async throws {
        let observed: WeakLoop
        do {
            let transport = try CurlTransport()
            observed = WeakLoop(transport.loop)
            // Exercise the loop once so it has a multi handle with state to clean up.
            _ = try? await transport.send(KubeRequest(url: "http://127.0.0.1:1/"))
        }
        // The thread holds the loop until it exits; then nothing does.
        try await withHangGuard("loop thread exiting") {
            while observed.loop != nil { await Task.yield() }
        }
        #expect(observed.loop == nil)
    }

    @Test func timeoutConversionNeverTurnsAShortLimitIntoNone() {
        #expect(CurlTransfer.milliseconds(.seconds(2)) == 2000)
        #expect(CurlTransfer.milliseconds(.milliseconds(1500)) == 1500)
        #expect(CurlTransfer.milliseconds(.microseconds(1)) == 1)
        #expect(CurlTransfer.milliseconds(.zero) == 1)
    }
}
