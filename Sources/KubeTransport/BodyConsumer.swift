/// The consumer's hold on a streaming transfer: when the last copy of the body stream
/// (and its iterators) goes away, the transfer is aborted rather than left running.
final class BodyConsumer: Sendable {
    let transfer: CurlTransfer

    init(transfer: CurlTransfer) {
        self.transfer = transfer
    }

    deinit {
        transfer.cancel()
    }
}
