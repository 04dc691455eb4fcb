import Crypto
import Store

/// Passes a source through while hashing it, so an upload's declared `X-Content-SHA256` can be
/// checked against exactly the bytes the store consumed.
final class DigestingSource: ByteSource {
    private let inner: ByteSource
    private var hasher = SHA256()
    private(set) var count: Int64 = 0

    init(_ inner: ByteSource) { self.inner = inner }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try inner.read(into: buffer)
        if n > 0 {
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            count += Int64(n)
        }
        return n
    }

    /// Reads whatever is left, then returns the digest of everything that went by.
    func finish() throws -> BlobDigest {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
        defer { buffer.deallocate() }
        while try read(into: buffer) > 0 {}
        return BlobDigest(hasher.finalize())
    }
}
