import CCurl

extension TransportError {
    /// An error from a libcurl result code and its error buffer.
    init(curlCode code: CURLcode, message: String, method: String, url: String) {
        let summary = String(cString: curl_easy_strerror(code))
        self.init(
            kind: Self.kind(of: code, message: message),
            method: method,
            url: url,
            curlCode: Int32(bitPattern: code.rawValue),
            summary: summary,
            message: message
        )
    }

    private static func kind(of code: CURLcode, message: String) -> Kind {
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_BAD_FUNCTION_ARGUMENT:
            return .invalidRequest
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .dns
        case CURLE_COULDNT_CONNECT:
            return .connect
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
             CURLE_SSL_ENGINE_INITFAILED, CURLE_USE_SSL_FAILED, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE,
             CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
             CURLE_SSL_CLIENTCERT:
            return .tls
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2,
             CURLE_HTTP2_STREAM, CURLE_WEIRD_SERVER_REPLY:
            // With TLS 1.3 a server rejecting the client certificate does so after the
            // handshake, so it surfaces as a read error carrying an SSL alert.
            if message.contains("SSL") || message.contains("alert") { return .tls }
            return .connectionLost
        default:
            return .other
        }
    }
}
