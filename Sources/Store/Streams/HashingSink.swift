import Crypto

/// Passes bytes on to a sink unchanged while computing their SHA-256 and count.
final class HashingSink: ByteSink {
    private let sink: ByteSink
    private var hasher = SHA256()
    private(set) var count: Int64 = 0

    init(_ sink: ByteSink) { self.sink = sink }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bufferPointer: bytes)
        try sink.write(bytes)
        count += Int64(bytes.count)
    }

    /// The digest of everything written; call once, at the end.
    func finalize() -> BlobDigest { BlobDigest(hasher.finalize()) }
}
