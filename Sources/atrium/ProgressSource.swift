import Store

/// Passes bytes through, reporting the running total.
final class ProgressSource: ByteSource {
    private let inner: ByteSource
    private let report: (Int64) -> Void
    private var total: Int64 = 0

    init(_ inner: ByteSource, _ report: @escaping (Int64) -> Void) {
        self.inner = inner
        self.report = report
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try inner.read(into: buffer)
        total += Int64(n)
        report(total)
        return n
    }
}
