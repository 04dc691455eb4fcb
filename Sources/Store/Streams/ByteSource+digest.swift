import Crypto

extension ByteSource {
    /// Reads the source to its end, returning the SHA-256 and the byte count.
    public func sha256() throws -> (digest: BlobDigest, size: Int64) {
        var hasher = SHA256()
        var size: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try read(into: buffer)
            if n == 0 { return (BlobDigest(hasher.finalize()), size) }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            size += Int64(n)
        }
    }
}
