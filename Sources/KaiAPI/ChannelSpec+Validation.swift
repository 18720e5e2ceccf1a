extension ChannelSpec {
    /// The same rules as the CRD's schema (lengths, ranges, the URL pattern and the CEL rule
    /// on `retry`), checked again by the reconciler so that an object which slipped past the
    /// schema is reported (`Stalled`, reason `InvalidSpec`) instead of being acted on.
    /// - Returns: every broken rule, in field order; empty when the spec is valid.
    public func validationErrors() -> [ChannelValidationError] {
        var errors: [ChannelValidationError] = []
        func fail(_ field: String, _ message: String) {
            errors.append(ChannelValidationError(field: "spec." + field, message: message))
        }
        if displayName.isEmpty { fail("displayName", "must not be empty") }
        if displayName.count > 255 { fail("displayName", "must be at most 255 characters, got \(displayName.count)") }
        if let config, config.objectValue == nil { fail("config", "must be an object, got \(config.typeName)") }

        if kernel.modelID.isEmpty { fail("kernel.modelID", "must not be empty") }
        if !kernel.temperature.isFinite || kernel.temperature < 0 || kernel.temperature > 2 {
            fail("kernel.temperature", "must be between 0 and 2, got \(kernel.temperature)")
        }
        if let maxTokens = kernel.maxTokens, maxTokens < 1 { fail("kernel.maxTokens", "must be at least 1, got \(maxTokens)") }
        if let embedding = kernel.embeddingModelID, embedding.isEmpty { fail("kernel.embeddingModelID", "must not be empty") }
        for (index, plugin) in kernel.enabledPlugins.enumerated() where plugin.isEmpty {
            fail("kernel.enabledPlugins[\(index)]", "must not be empty")
        }

        if let url = kernelAPI?.url {
            if url.utf8.count > 2048 { fail("kernelAPI.url", "must be at most 2048 characters") }
            if !Self.isHTTPURL(url) { fail("kernelAPI.url", "must be an http:// or https:// URL with a host, got \"\(url)\"") }
        }
        if let ref = kernelAPI?.authSecretRef {
            if ref.name.isEmpty || ref.name.count > 253 { fail("kernelAPI.authSecretRef.name", "must be 1 to 253 characters") }
            if ref.key.isEmpty || ref.key.count > 253 { fail("kernelAPI.authSecretRef.key", "must be 1 to 253 characters") }
        }

        if retry.maxRetries < 0 { fail("retry.maxRetries", "must be at least 0, got \(retry.maxRetries)") }
        if retry.initialDelaySeconds < 1 { fail("retry.initialDelaySeconds", "must be at least 1, got \(retry.initialDelaySeconds)") }
        if retry.maxDelaySeconds < 1 { fail("retry.maxDelaySeconds", "must be at least 1, got \(retry.maxDelaySeconds)") }
        if retry.maxDelaySeconds < retry.initialDelaySeconds {
            fail("retry", "maxDelaySeconds must be at least initialDelaySeconds")
        }
        if creatingTimeoutSeconds < 1 { fail("creatingTimeoutSeconds", "must be at least 1, got \(creatingTimeoutSeconds)") }
        if resyncIntervalSeconds < 1 { fail("resyncIntervalSeconds", "must be at least 1, got \(resyncIntervalSeconds)") }
        return errors
    }

    /// The CRD's pattern `^https?://[^\s/?#]+[^\s]*$`.
    static func isHTTPURL(_ text: String) -> Bool {
        let rest: Substring
        if text.hasPrefix("http://") { rest = text.dropFirst(7) } else if text.hasPrefix("https://") { rest = text.dropFirst(8) } else { return false }
        guard !rest.contains(where: \.isWhitespace) else { return false }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !host.isEmpty
    }
}
