/// Passes bytes through and throws `PackageError.sizeMismatch` as soon as more than `expected`
/// bytes arrive, or at the end when fewer did — so an oversized upload stops early and a store
/// that consumes this source keeps nothing.
final class SizeCheckingSource: ByteSource {
    private let inner: ByteSource
    let expected: Int64
    private(set) var count: Int64 = 0

    init(_ inner: ByteSource, expected: Int64) {
        self.inner = inner
        self.expected = expected
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try inner.read(into: buffer)
        count += Int64(n)
        if count > expected || (n == 0 && count != expected) {
            throw PackageError.sizeMismatch(expected: expected, actual: count)
        }
        return n
    }
}
