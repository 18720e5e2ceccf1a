import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts one JSON body to a URL. URLSession is enough here: one small POST, no streaming,
/// and the stand-in must not depend on the project's own HTTP transport.
struct WebhookSender: Sendable {
    /// The answer, or why there is none.
    enum Result: Sendable, Equatable {
        case answered(status: Int)
        case failed(String)
    }

    /// Wall-clock limit for one delivery; a stuck receiver must not keep the task forever.
    var timeout: TimeInterval = 10

    func post(_ body: [UInt8], to urlString: String, token: String?) async -> Result {
        guard let url = URL(string: urlString), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host != nil
        else {
            return .failed("invalid webhook URL \"\(urlString)\": expected http(s)://host[:port]/path")
        }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token {
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        }
        do {
            let (_, response) = try await URLSession.shared.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                return .failed("webhook receiver at \(urlString) gave a non-HTTP answer")
            }
            return .answered(status: http.statusCode)
        } catch {
            return .failed("webhook POST to \(urlString) failed: \(error.localizedDescription)")
        }
    }
}
