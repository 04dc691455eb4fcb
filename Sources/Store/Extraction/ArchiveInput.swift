/// The client side of libarchive's read callback: pulls bytes from a `ByteSource` into a buffer
/// that libarchive borrows until its next call. A source error is kept here (libarchive only
/// learns "-1") so that the caller can rethrow the original error instead of libarchive's text.
final class ArchiveInput {
    let source: ByteSource
    private let buffer: UnsafeMutableRawBufferPointer
    /// Compressed bytes pulled from the source so far (what the compression ratio divides by).
    private(set) var bytesPulled: Int64 = 0
    /// The first error the source threw; after it the source is never read again.
    private(set) var error: Error?
    /// The source returned 0 (its end, verified if it is a `BlobReader`).
    private(set) var reachedEnd = false

    init(source: ByteSource, bufferSize: Int) {
        self.source = source
        self.buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bufferSize, 512), alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Called from the C read callback: points `out` at the next chunk and returns its size,
    /// 0 at the end, -1 after an error.
    func pull(into out: UnsafeMutablePointer<UnsafeRawPointer?>) -> Int {
        out.pointee = UnsafeRawPointer(buffer.baseAddress)
        if error != nil { return -1 }
        if reachedEnd { return 0 }
        do {
            let n = try source.read(into: buffer)
            guard n >= 0, n <= buffer.count else {
                throw StoreError.invalidArgument("byte source returned \(n) for a \(buffer.count)-byte buffer")
            }
            if n == 0 { reachedEnd = true }
            bytesPulled += Int64(n)
            return n
        } catch {
            self.error = error
            return -1
        }
    }

    /// Reads whatever libarchive left unread (trailing padding, compressed trailers, garbage) to
    /// the very end, so that a verifying source gets to check its digest. Rethrows its error.
    func drain() throws {
        if let error { throw error }
        while !reachedEnd {
            let n = try source.read(into: buffer)
            guard n >= 0, n <= buffer.count else {
                throw StoreError.invalidArgument("byte source returned \(n) for a \(buffer.count)-byte buffer")
            }
            if n == 0 { reachedEnd = true }
            bytesPulled += Int64(n)
        }
    }
}
