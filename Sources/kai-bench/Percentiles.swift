import Foundation

/// Nearest-rank percentiles of a set of samples.
struct Percentiles {
    let sorted: [Double]

    init(_ samples: [Double]) { sorted = samples.sorted() }

    /// The smallest sample that at least `fraction` of the samples do not exceed (nil if none).
    func value(_ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// The percentile with two decimals, or `n/a` without samples.
    func text(_ fraction: Double) -> String {
        value(fraction).map { String(format: "%.2f", $0) } ?? "n/a"
    }
}
