import CCurl

extension CurlTransfer {
    /// Applies the request and the transport options to a fresh easy handle.
    func configure(_ handle: UnsafeMutableRawPointer, request: HTTPRequest, options: TransportOptions) throws(TransportError) {
        let method = request.method
        guard !method.isEmpty, method.utf8.allSatisfy(Self.isTokenByte) else {
            throw invalid("method \"\(method)\" is not a valid HTTP method token")
        }
        let target = try resolveTarget(url: request.url, serverName: options.tls.serverName)
        let userdata = Unmanaged.passUnretained(self).toOpaque()

        try set(handle, CURLOPT_URL, target.url, "URL")
        try set(handle, CURLOPT_PROTOCOLS_STR, "http,https", "CURLOPT_PROTOCOLS_STR")
        // The loop thread must never get signals from libcurl (its DNS timeouts use alarm otherwise).
        try set(handle, CURLOPT_NOSIGNAL, 1, "CURLOPT_NOSIGNAL")
        try set(handle, CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer), "CURLOPT_ERRORBUFFER")
        try check(kai_curl_setopt_write(handle, { data, size, count, userdata in
            guard let userdata else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
            return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
        }), "CURLOPT_WRITEFUNCTION")
        try set(handle, CURLOPT_WRITEDATA, pointer: userdata, "CURLOPT_WRITEDATA")
        try check(kai_curl_setopt_header(handle, { data, size, count, userdata in
            guard let userdata else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
            transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }), "CURLOPT_HEADERFUNCTION")
        try set(handle, CURLOPT_HEADERDATA, pointer: userdata, "CURLOPT_HEADERDATA")
        // Proxy CONNECT responses would otherwise look like a first response head.
        try set(handle, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1, "CURLOPT_SUPPRESS_CONNECT_HEADERS")

        try configureMethodAndBody(handle, request: request)
        try configureHeaders(handle, request: request, hostHeader: target.hostHeader)
        try set(handle, CURLOPT_USERAGENT, options.userAgent, "CURLOPT_USERAGENT")

        try set(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(options.connectTimeout), "CURLOPT_CONNECTTIMEOUT_MS")
        let total = request.timeout ?? (mode == .buffered ? options.defaultTimeout : nil)
        try set(handle, CURLOPT_TIMEOUT_MS, total.map(Self.milliseconds) ?? 0, "CURLOPT_TIMEOUT_MS")
        if let keepAlive = options.tcpKeepAlive {
            let seconds = max(1, Int(keepAlive.components.seconds))
            try set(handle, CURLOPT_TCP_KEEPALIVE, 1, "CURLOPT_TCP_KEEPALIVE")
            try set(handle, CURLOPT_TCP_KEEPIDLE, seconds, "CURLOPT_TCP_KEEPIDLE")
            try set(handle, CURLOPT_TCP_KEEPINTVL, seconds, "CURLOPT_TCP_KEEPINTVL")
        }

        if options.http2 {
            try set(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS), "CURLOPT_HTTP_VERSION")
            // Prefer multiplexing onto an existing HTTP/2 connection over opening another.
            try set(handle, CURLOPT_PIPEWAIT, 1, "CURLOPT_PIPEWAIT")
        } else {
            try set(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1), "CURLOPT_HTTP_VERSION")
        }
        if let proxy = options.proxyURL {
            try set(handle, CURLOPT_PROXY, proxy, "CURLOPT_PROXY (proxyURL)")
        }
        if let connectTo = target.connectTo {
            try setList(handle, CURLOPT_CONNECT_TO, [connectTo], "CURLOPT_CONNECT_TO (tls.serverName)")
        }
        try configureTLS(handle, options.tls)
    }

    private func configureMethodAndBody(_ handle: UnsafeMutableRawPointer, request: HTTPRequest) throws(TransportError) {
        var body = request.body
        switch request.method {
        case "GET" where body == nil:
            try set(handle, CURLOPT_HTTPGET, 1, "CURLOPT_HTTPGET")
            return
        case "HEAD" where body == nil:
            try set(handle, CURLOPT_NOBODY, 1, "CURLOPT_NOBODY")
            return
        case "POST", "PUT", "PATCH":
            // Always send a (possibly empty) body so the request carries Content-Length.
            body = body ?? []
        default:
            break
        }
        if let body {
            try check(kai_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), "CURLOPT_POSTFIELDSIZE_LARGE")
            // COPYPOSTFIELDS: libcurl keeps its own copy, so the Swift array may go away.
            let rc = body.isEmpty
                ? "".withCString { kai_curl_setopt_ptr(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0)) }
                : body.withUnsafeBytes { kai_curl_setopt_ptr(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
            try check(rc, "CURLOPT_COPYPOSTFIELDS")
        }
        if request.method != "POST" || body == nil {
            try set(handle, CURLOPT_CUSTOMREQUEST, request.method, "CURLOPT_CUSTOMREQUEST")
        }
    }

    private func configureHeaders(_ handle: UnsafeMutableRawPointer, request: HTTPRequest, hostHeader: String?) throws(TransportError) {
        var lines: [String] = []
        for field in request.headers {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(Self.isTokenByte) else {
                throw invalid("header name \"\(field.name)\" is not a valid HTTP token")
            }
            guard !field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw invalid("header \(field.name) contains a line break or NUL in its value")
            }
            // libcurl reads "Name:" as "remove this header"; "Name;" sends it empty.
            lines.append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        if let hostHeader, !request.headers.contains("Host") {
            lines.append("Host: \(hostHeader)")
        }
        // libcurl would add a form Content-Type to bodies, and "Expect: 100-continue"
        // (a one-second stall with servers that ignore it) to large ones.
        if !request.headers.contains("Content-Type") { lines.append("Content-Type:") }
        if !request.headers.contains("Expect") { lines.append("Expect:") }
        try setList(handle, CURLOPT_HTTPHEADER, lines, "CURLOPT_HTTPHEADER")
    }

    private func configureTLS(_ handle: UnsafeMutableRawPointer, _ tls: TLSOptions) throws(TransportError) {
        if let ca = tls.caPEM {
            try setBlob(handle, CURLOPT_CAINFO_BLOB, ca, "CURLOPT_CAINFO_BLOB (tls.caPEM)")
            // The configured CA replaces the system store, as kubeconfig's
            // certificate-authority does; libcurl would still consult the default CA path.
            try check(kai_curl_setopt_str(handle, CURLOPT_CAPATH, nil), "CURLOPT_CAPATH")
        }
        switch (tls.clientCertificatePEM, tls.clientKeyPEM) {
        case (let certificate?, let key?):
            try set(handle, CURLOPT_SSLCERTTYPE, "PEM", "CURLOPT_SSLCERTTYPE")
            try setBlob(handle, CURLOPT_SSLCERT_BLOB, certificate, "CURLOPT_SSLCERT_BLOB (tls.clientCertificatePEM)")
            try set(handle, CURLOPT_SSLKEYTYPE, "PEM", "CURLOPT_SSLKEYTYPE")
            try setBlob(handle, CURLOPT_SSLKEY_BLOB, key, "CURLOPT_SSLKEY_BLOB (tls.clientKeyPEM)")
        case (nil, nil):
            break
        default:
            throw TransportError(kind: .configuration, method: method, url: url,
                                 summary: "tls.clientCertificatePEM and tls.clientKeyPEM must be given together")
        }
        if tls.insecureSkipVerify {
            try set(handle, CURLOPT_SSL_VERIFYPEER, 0, "CURLOPT_SSL_VERIFYPEER")
            try set(handle, CURLOPT_SSL_VERIFYHOST, 0, "CURLOPT_SSL_VERIFYHOST")
        }
    }

    // MARK: - URL

    struct Target {
        var url: String
        var connectTo: String?
        var hostHeader: String?
    }

    /// Validates the URL and, for `tls.serverName`, readdresses it: the request goes to
    /// `serverName` (so SNI and certificate checks use it) while CURLOPT_CONNECT_TO
    /// sends the connection to the original host and port.
    private func resolveTarget(url: String, serverName: String?) throws(TransportError) -> Target {
        guard let parsed = curl_url() else {
            throw TransportError(kind: .other, method: method, url: url, summary: "curl_url failed")
        }
        defer { curl_url_cleanup(parsed) }
        let rc = curl_url_set(parsed, CURLUPART_URL, url, KAI_CURLU_NON_SUPPORT_SCHEME)
        guard rc == CURLUE_OK else {
            throw invalid("invalid URL: \(String(cString: curl_url_strerror(rc)))")
        }
        let scheme = Self.part(parsed, CURLUPART_SCHEME)?.lowercased()
        guard scheme == "https" || scheme == "http" else {
            throw invalid("unsupported URL scheme \"\(scheme ?? "")\" (only http and https)")
        }
        guard let serverName, !serverName.isEmpty,
              let host = Self.part(parsed, CURLUPART_HOST),
              let port = Self.part(parsed, CURLUPART_PORT, flags: KAI_CURLU_DEFAULT_PORT)
        else { return Target(url: url) }
        let name = serverName.contains(":") && !serverName.hasPrefix("[") ? "[\(serverName)]" : serverName
        if name.lowercased() == host.lowercased() { return Target(url: url) }
        guard curl_url_set(parsed, CURLUPART_HOST, name, 0) == CURLUE_OK,
              let readdressed = Self.part(parsed, CURLUPART_URL)
        else {
            throw TransportError(kind: .configuration, method: method, url: url,
                                 summary: "tls.serverName \"\(serverName)\" is not a valid host name")
        }
        let explicitPort = Self.part(parsed, CURLUPART_PORT)
        return Target(
            url: readdressed,
            connectTo: "\(name):\(port):\(host):\(port)",
            hostHeader: explicitPort.map { "\(host):\($0)" } ?? host
        )
    }

    private static func part(_ parsed: OpaquePointer, _ part: CURLUPart, flags: UInt32 = 0) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(parsed, part, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }

    // MARK: - setopt helpers

    private func check(_ rc: CURLcode, _ option: String) throws(TransportError) {
        guard rc == CURLE_OK else {
            throw TransportError(kind: .configuration, method: method, url: url, curlCode: Int32(bitPattern: rc.rawValue),
                                 summary: "libcurl rejected \(option)", message: String(cString: curl_easy_strerror(rc)))
        }
    }

    private func set(_ handle: UnsafeMutableRawPointer, _ option: CURLoption, _ value: Int, _ name: String) throws(TransportError) {
        try check(kai_curl_setopt_long(handle, option, value), name)
    }

    private func set(_ handle: UnsafeMutableRawPointer, _ option: CURLoption, _ value: String, _ name: String) throws(TransportError) {
        try check(value.withCString { kai_curl_setopt_str(handle, option, $0) }, name)
    }

    private func set(_ handle: UnsafeMutableRawPointer, _ option: CURLoption, pointer: UnsafeMutableRawPointer, _ name: String) throws(TransportError) {
        try check(kai_curl_setopt_ptr(handle, option, pointer), name)
    }

    private func setBlob(_ handle: UnsafeMutableRawPointer, _ option: CURLoption, _ bytes: [UInt8], _ name: String) throws(TransportError) {
        let rc = bytes.withUnsafeBytes { raw in
            // CURL_BLOB_COPY: libcurl copies the bytes, nothing touches the disk.
            var blob = curl_blob(data: UnsafeMutableRawPointer(mutating: raw.baseAddress), len: raw.count, flags: KAI_CURL_BLOB_COPY)
            return kai_curl_setopt_blob(handle, option, &blob)
        }
        try check(rc, name)
    }

    private func setList(_ handle: UnsafeMutableRawPointer, _ option: CURLoption, _ lines: [String], _ name: String) throws(TransportError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard let appended = curl_slist_append(list, line) else {
                if let list { curl_slist_free_all(list) }
                throw TransportError(kind: .other, method: method, url: url, summary: "out of memory building \(name)")
            }
            list = appended
        }
        guard let list else { return }
        retain(list)
        try check(kai_curl_setopt_slist(handle, option, list), name)
    }

    private func invalid(_ summary: String) -> TransportError {
        TransportError(kind: .invalidRequest, method: method, url: url, summary: summary)
    }

    /// RFC 9110 `tchar`: what a method or header name may consist of.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// Whole milliseconds, rounded up so a tiny positive timeout never becomes 0 ("no limit").
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 || seconds > 0 else { return 1 }
        let millis = seconds.multipliedReportingOverflow(by: 1000)
        guard !millis.overflow else { return Int.max }
        let fraction = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return max(1, Int(millis.partialValue + fraction))
    }
}
