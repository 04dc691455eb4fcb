@testable import Store

/// A source that yields `bytes` and then fails, as a dropped client connection would.
final class FailingSource: ByteSource {
    struct Dropped: Error {}
    private let inner: MemorySource
    private var remaining: Int

    init(bytes: [UInt8], failAfter: Int) {
        inner = MemorySource(bytes)
        remaining = failAfter
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if remaining <= 0 { throw Dropped() }
        let n = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(buffer.count, remaining)]))
        remaining -= n
        if n == 0 { throw Dropped() }
        return n
    }
}
