import Crypto

/// Passes a source through unchanged while computing the SHA-256 and the count of what went by,
/// optionally writing a copy to a spool file (the "tee" a case save needs: the new content is
/// hashed, compressed and kept on disk as the next delta's reference in one pass).
final class HashingSource: ByteSource {
    private let source: ByteSource
    private let spool: FileSink?
    private let progress: ((Int64) -> Void)?
    private var hasher = SHA256()
    private(set) var count: Int64 = 0
    private(set) var ended = false

    init(_ source: ByteSource, spool: FileSink? = nil, progress: ((Int64) -> Void)? = nil) {
        self.source = source
        self.spool = spool
        self.progress = progress
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if ended { return 0 }
        let n = try source.read(into: buffer)
        guard n > 0 else {
            ended = true
            return 0
        }
        let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
        hasher.update(bufferPointer: chunk)
        try spool?.write(chunk)
        count += Int64(n)
        progress?(count)
        return n
    }

    /// The digest of everything read; call once, after the end.
    func finalize() -> BlobDigest { BlobDigest(hasher.finalize()) }
}
