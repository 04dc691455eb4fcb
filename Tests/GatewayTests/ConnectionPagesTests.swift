@testable import Gateway
import NIOCore
import Testing

/// An HTTPS connection's TLS buffers on pages of their own (``PagedBufferAllocator``) and their
/// release while the connection is quiet (``ConnectionPages``), on real mappings (`mincore`).
@Suite struct ConnectionPagesTests {
    static let allocator = PagedBufferAllocator.allocator

    @Test func aReleasedBufferKeepsNoPageAndIsWrittenAgainAfter() {
        let pages = ConnectionPages()
        var buffer = pages.adopting { Self.allocator.buffer(capacity: 32 * 1024) }
        #expect(pages.count == 1)
        buffer.writeBytes([UInt8](repeating: 0x61, count: 10_000))
        #expect(pages.residentBytes() >= 3 * PagedBufferAllocator.pageSize)
        #expect(buffer.readBytes(length: 10_000) == [UInt8](repeating: 0x61, count: 10_000))
        pages.release()
        #expect(pages.residentBytes() == 0)
        buffer.clear()
        buffer.writeString("after the release")
        #expect(buffer.readString(length: 17) == "after the release")
        #expect(pages.residentBytes() == PagedBufferAllocator.pageSize)
    }

    @Test func onlyTheBuffersMadeWhileAdoptingAreTheConnections() {
        let pages = ConnectionPages()
        var outside = Self.allocator.buffer(capacity: 20_000)
        outside.writeString("not the connection's")
        let (small, large) = pages.adopting { (Self.allocator.buffer(capacity: 2_000), Self.allocator.buffer(capacity: 1 << 20)) }
        #expect(pages.count == 0)
        pages.release()
        #expect(outside.readString(length: 20) == "not the connection's")
        #expect(small.capacity >= 2_000 && large.capacity >= 1 << 20)
    }

    /// A buffer freed (NIOSSL copied it, or the connection closed) is not released through its old
    /// address, which the next mapping often gets.
    @Test func aFreedBufferIsNotReleasedThroughItsOldAddress() {
        let pages = ConnectionPages()
        do {
            var buffer = pages.adopting { Self.allocator.buffer(capacity: 32 * 1024) }
            buffer.writeString("soon gone")
            #expect(pages.count == 1)
        }
        #expect(pages.count == 0)
        let other = ConnectionPages()
        var theirs = other.adopting { Self.allocator.buffer(capacity: 32 * 1024) }
        theirs.writeString("another connection's bytes")
        #expect(other.count == 1)
        pages.release()
        #expect(theirs.readString(length: 26) == "another connection's bytes")
    }

    @Test func aCopyIsNotAdoptedAndFreedBuffersAreForgotten() {
        let pages = ConnectionPages()
        do {
            var buffer = pages.adopting { Self.allocator.buffer(capacity: 64 * 1024) }
            buffer.writeBytes([UInt8](repeating: 1, count: 64 * 1024))
            var grown = buffer
            grown.writeBytes([UInt8](repeating: 2, count: 100 * 1024))  // a copy, on pages of its own
            #expect(grown.readableBytes == 164 * 1024)
            #expect(pages.count == 1)
        }
        #expect(pages.count == 0)
        #expect(pages.residentBytes() == 0)
    }
}
