extension Duration {
    /// The duration in seconds, as Prometheus and logs want it.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
