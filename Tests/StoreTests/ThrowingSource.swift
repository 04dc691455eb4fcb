@testable import Store

/// A `ByteSource` over bytes that throws `error` instead of its end (like a `BlobReader` whose
/// digest does not match), or after `failAfter` bytes when given.
final class ThrowingSource: ByteSource {
    private let inner: MemorySource
    private let error: Error
    private let failAfter: Int?
    private var delivered = 0
    private(set) var readsAfterError = 0
    private var threw = false

    init(_ bytes: [UInt8], error: Error, failAfter: Int? = nil) {
        inner = MemorySource(bytes)
        self.error = error
        self.failAfter = failAfter
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if threw { readsAfterError += 1 }
        if let failAfter, delivered >= failAfter {
            threw = true
            throw error
        }
        let limit = failAfter.map { min(buffer.count, $0 - delivered) } ?? buffer.count
        let n = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<limit]))
        if n == 0 {
            threw = true
            throw error
        }
        delivered += n
        return n
    }
}
