import Crypto
import Store

/// Passes a source through while hashing it and, at its end, fails with
/// `StoreError.digestMismatch` unless the bytes hash to `expected`. The error arrives before
/// the reader sees the end, so a store writing from this source keeps nothing (a save of a
/// case whose declared `X-Content-SHA256` is wrong fails before its manifest is written).
final class DigestCheckingSource: ByteSource {
    private let source: any ByteSource
    private let expected: BlobDigest
    private var hasher = SHA256()

    init(_ source: any ByteSource, expected: BlobDigest) {
        self.source = source
        self.expected = expected
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try source.read(into: buffer)
        if n > 0 {
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            return n
        }
        let actual = BlobDigest(hasher.finalize())
        guard actual == expected else { throw StoreError.digestMismatch(expected: expected, actual: actual) }
        return 0
    }
}
