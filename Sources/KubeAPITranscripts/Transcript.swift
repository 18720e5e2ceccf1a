public import Foundation

/// The recorded HTTP exchanges of `../shared/kube-api-transcripts/*.md`: what a
/// real Kubernetes v1.36 API server answered. Tests replay them against the
/// client (decode every response shape) and the test API server (same status
/// codes and body shapes).
public struct Transcript: Sendable {
    /// One `### N. title` section.
    public struct Case: Sendable {
        public var file: String
        public var number: Int
        public var title: String
        public var exchanges: [Exchange]
        /// The `**Proves:**` sentence.
        public var proves: String
    }

    /// A request and the response to it.
    public struct Exchange: Sendable {
        public var request: Request
        public var response: Response?
    }

    public struct Request: Sendable {
        public var method: String
        /// Path and query as sent (the host `https://apiserver` removed).
        public var target: String
        public var headers: [(name: String, value: String)]
        public var body: String?

        public var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
        public var query: String? { target.contains("?") ? String(target.split(separator: "?", maxSplits: 1)[1]) : nil }
        public func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        /// The body as shown (pretty-printed JSON, or raw lines for watches).
        public var body: String?
        /// The body's fence language (`json`, `text`, `yaml`).
        public var bodyLanguage: String?
        /// True when the transcript says the body was shortened.
        public var abbreviated: Bool

        public func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    }

    public var cases: [Case]

    /// The transcripts directory beside the repository (`../shared/kube-api-transcripts`).
    public static func directory(from file: String = #filePath) -> String {
        var url = URL(fileURLWithPath: file)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("../shared/kube-api-transcripts").standardized
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
        }
        return "../shared/kube-api-transcripts"
    }

    /// Loads every transcript file (`01-…md` … `10-…md`).
    public static func loadAll(directory: String = Transcript.directory()) throws -> [Case] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix("00") }.sorted()
        return try files.flatMap { name in
            try parse(String(contentsOfFile: (directory as NSString).appendingPathComponent(name), encoding: .utf8), file: name).cases
        }
    }

    /// Parses one transcript file.
    public static func parse(_ markdown: String, file: String) -> Transcript {
        var cases: [Case] = []
        var current: Case?
        var pendingRequest: Request?
        var lastWasResponse = false
        var abbreviatedNote = false
        let lines = markdown.components(separatedBy: "\n")
        var i = 0

        func flushPending() {
            if let r = pendingRequest { current?.exchanges.append(Exchange(request: r, response: nil)) }
            pendingRequest = nil
        }

        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("### ") {
                flushPending()
                if let c = current { cases.append(c) }
                let heading = line.dropFirst(4)
                let number = Int(heading.prefix { $0.isNumber }) ?? 0
                let title = heading.drop { $0.isNumber || $0 == "." || $0 == " " }
                current = Case(file: file, number: number, title: String(title), exchanges: [], proves: "")
                lastWasResponse = false
                i += 1
                continue
            }
            if line.hasPrefix("> **Proves:**") {
                current?.proves = String(line.dropFirst("> **Proves:**".count)).trimmingCharacters(in: .whitespaces)
            }
            if line.contains("**Abbreviated here") || line.contains("Abbreviated here") {
                if lastWasResponse, var c = current, var last = c.exchanges.last, last.response != nil {
                    last.response!.abbreviated = true
                    c.exchanges[c.exchanges.count - 1] = last
                    current = c
                }
                abbreviatedNote = true
            }
            if line.hasPrefix("```"), current != nil {
                let language = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
                var block: [String] = []
                i += 1
                while i < lines.count, !lines[i].hasPrefix("```") { block.append(lines[i]); i += 1 }
                i += 1
                let text = block.joined(separator: "\n")
                if language == "http", let first = block.first {
                    if first.hasPrefix("HTTP/") {
                        let (status, headers, body) = parseHead(block, isResponse: true)
                        let response = Response(status: status, headers: headers, body: body, bodyLanguage: body == nil ? nil : "http", abbreviated: false)
                        if let r = pendingRequest {
                            current?.exchanges.append(Exchange(request: r, response: response))
                            pendingRequest = nil
                        } else if var c = current, var last = c.exchanges.last, last.response == nil {
                            last.response = response
                            c.exchanges[c.exchanges.count - 1] = last
                            current = c
                        }
                        lastWasResponse = true
                    } else if let space = first.firstIndex(of: " ") {
                        flushPending()
                        let method = String(first[..<space])
                        var target = String(first[first.index(after: space)...])
                        if target.hasSuffix(" HTTP/1.1") || target.hasSuffix(" HTTP/2") {
                            target = String(target[..<target.lastIndex(of: " ")!])
                        }
                        target = target.replacingOccurrences(of: "https://apiserver", with: "")
                        let (_, headers, body) = parseHead(block, isResponse: false)
                        pendingRequest = Request(method: method, target: target, headers: headers, body: body)
                        lastWasResponse = false
                    }
                    abbreviatedNote = false
                    continue
                }
                if ["json", "yaml", "text"].contains(language) {
                    if let r = pendingRequest, r.body == nil, !lastWasResponse, ["json", "yaml"].contains(language) {
                        pendingRequest?.body = text
                    } else if lastWasResponse, var c = current, var last = c.exchanges.last, var response = last.response, response.body == nil {
                        response.body = text
                        response.bodyLanguage = language
                        response.abbreviated = response.abbreviated || text.contains("omitted") || abbreviatedNote
                        last.response = response
                        c.exchanges[c.exchanges.count - 1] = last
                        current = c
                    }
                }
                continue
            }
            i += 1
        }
        flushPending()
        if let c = current { cases.append(c) }
        return Transcript(cases: cases.filter { !$0.exchanges.isEmpty })
    }

    /// Splits a request/response head into its start line, headers and an inline body.
    static func parseHead(_ block: [String], isResponse: Bool) -> (Int, [(name: String, value: String)], String?) {
        var status = 0
        if isResponse, let first = block.first {
            let parts = first.split(separator: " ")
            if parts.count > 1 { status = Int(parts[1]) ?? 0 }
        }
        var headers: [(name: String, value: String)] = []
        var index = 1
        while index < block.count, !block[index].isEmpty {
            let line = block[index]
            if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            index += 1
        }
        let rest = block.dropFirst(index + 1).joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return (status, headers, rest.isEmpty ? nil : rest)
    }
}
