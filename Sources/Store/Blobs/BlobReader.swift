import Crypto

/// Reads a blob and checks, at the end, that the bytes hash to its name. A mismatch throws
/// `StoreError.integrity`; callers that must never expose wrong bytes (restore, extraction)
/// write into a private staging place and commit only after the reader reached its end.
public final class BlobReader: ByteSource {
    public let digest: BlobDigest
    public let size: Int64
    private let raw: ByteSource
    private var hasher = SHA256()
    public private(set) var bytesRead: Int64 = 0
    private var finished = false
    /// Off only for a caller that checks what it derives from these bytes end to end against a
    /// digest it already trusts (case restore checks the decoded content's SHA-256 from the
    /// verified manifest), so wrong bytes still never pass; it saves hashing the blob twice over.
    public var verifiesDigest = true

    public init(digest: BlobDigest, size: Int64, raw: ByteSource) {
        self.digest = digest
        self.size = size
        self.raw = raw
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if finished { return 0 }
        let n = try raw.read(into: buffer)
        if n > 0 {
            if verifiesDigest { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n])) }
            bytesRead += Int64(n)
            return n
        }
        finished = true
        guard verifiesDigest else { return 0 }
        let actual = BlobDigest(hasher.finalize())
        guard actual == digest else { throw StoreError.integrity(expected: digest, actual: actual) }
        return 0
    }

    /// Reads to the end (verifying) and discards the bytes.
    public func drain() throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while try read(into: buffer) > 0 {}
    }
}
