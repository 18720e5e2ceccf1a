import CCurl
import Foundation
import Synchronization

/// The one thread that drives all of a transport's transfers through a libcurl multi
/// handle (libcurl handles are not thread-safe; this thread is their only user once a
/// transfer is added).
///
/// Other threads talk to it through a mutex-protected inbox of commands and
/// `curl_multi_wakeup`, which interrupts `curl_multi_poll`. The multi handle keeps the
/// connection cache, so connections (and HTTP/2 multiplexing) are reused across requests.
///
/// The loop ends once its transport is gone (``shutdownWhenIdle()``) and the last
/// transfer, e.g. a watch still being read, has finished.
final class CurlMultiLoop: @unchecked Sendable {
    enum Command {
        case add(CurlTransfer)
        case cancel(CurlTransfer)
        case resume(CurlTransfer)
    }

    private struct Inbox {
        var commands: [Command] = []
        var shutdownRequested = false
        var exited = false
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    /// Transfers whose easy handle is in the multi handle, by handle (loop thread only).
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    init(maxIdleConnections: Int) throws(TransportError) {
        guard let multi = curl_multi_init() else {
            throw TransportError(kind: .configuration, method: "", url: "", summary: "curl_multi_init failed")
        }
        self.multi = multi
        _ = kai_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(1, maxIdleConnections))
        _ = kai_curl_multi_setopt_long(multi, CURLMOPT_PIPELINING, KAI_CURLPIPE_MULTIPLEX)
        let thread = Thread { [self] in run() }
        thread.name = "kai-curl"
        thread.start()
    }

    /// Queues a command for the loop thread and wakes it.
    func enqueue(_ command: Command) {
        inbox.withLock { inbox in
            guard !inbox.exited else { return }
            inbox.commands.append(command)
            // Under the lock, so the multi handle cannot be cleaned up meanwhile.
            _ = curl_multi_wakeup(multi)
        }
    }

    /// Lets the loop end as soon as no transfer is left.
    func shutdownWhenIdle() {
        inbox.withLock { inbox in
            inbox.shutdownRequested = true
            if !inbox.exited { _ = curl_multi_wakeup(multi) }
        }
    }

    private func run() {
        var running: Int32 = 0
        while true {
            let activeCount = active.count
            let commands = inbox.withLock { inbox -> [Command]? in
                if inbox.commands.isEmpty, inbox.shutdownRequested, activeCount == 0 {
                    inbox.exited = true
                    return nil
                }
                defer { inbox.commands = [] }
                return inbox.commands
            }
            guard let commands else { break }
            for command in commands { handle(command) }
            _ = curl_multi_perform(multi, &running)
            collectFinished()
            // curl_multi_poll returns early for libcurl's own timers and for wakeups.
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        curl_multi_cleanup(multi)
    }

    private func handle(_ command: Command) {
        switch command {
        case .add(let transfer):
            guard let easy = transfer.easy else { return }
            if transfer.isCancelled {
                finish(transfer, CURLE_ABORTED_BY_CALLBACK)
                return
            }
            let rc = curl_multi_add_handle(multi, easy)
            guard rc == CURLM_OK else {
                finish(transfer, CURLE_FAILED_INIT)
                return
            }
            active[easy] = transfer
        case .cancel(let transfer):
            guard let easy = transfer.easy, active.removeValue(forKey: easy) != nil else { return }
            _ = curl_multi_remove_handle(multi, easy)
            finish(transfer, CURLE_ABORTED_BY_CALLBACK)
        case .resume(let transfer):
            guard let easy = transfer.easy, active[easy] != nil else { return }
            // May call the write callback right here with the data held back by the pause.
            _ = curl_easy_pause(easy, KAI_CURLPAUSE_CONT)
        }
    }

    private func collectFinished() {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            // Copy out before remove_handle invalidates the message.
            let result = message.pointee.data.result
            guard let transfer = active.removeValue(forKey: easy) else { continue }
            _ = curl_multi_remove_handle(multi, easy)
            finish(transfer, result)
        }
    }

    private func finish(_ transfer: CurlTransfer, _ result: CURLcode) {
        transfer.finish(result)
        transfer.releaseHandle()
    }
}
