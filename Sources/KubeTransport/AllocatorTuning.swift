#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator settings for a long-running client that lists large collections.
public enum AllocatorTuning {
    /// Fixes glibc's mmap threshold at `threshold` bytes (its initial 128 KiB).
    ///
    /// By default glibc raises the threshold to the size of each large block freed (up to
    /// 32 MiB): after the first list page's response buffers (about 1 MiB each) are freed, later
    /// ones are carved from the heap between long-lived cached objects, and the holes they leave
    /// stay resident. A fixed threshold keeps every large buffer in its own mapping, returned
    /// when freed (50 000 cached objects: 10 MiB less resident, see docs/benchmarks.md).
    /// Call it once at startup, before the first list. Does nothing off glibc.
    public static func mapLargeBuffersSeparately(threshold: Int32 = 128 * 1024) {
        #if canImport(Glibc)
        // `mallopt` is not in the Glibc module map: look it up by name.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let M_MMAP_THRESHOLD: Int32 = -3
        _ = unsafeBitCast(symbol, to: Mallopt.self)(M_MMAP_THRESHOLD, threshold)
        #endif
    }
}
