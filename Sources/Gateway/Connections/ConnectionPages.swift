#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// One HTTPS connection's TLS buffers on pages of their own (``PagedBufferAllocator``): the ones
/// its NIOSSL handler made as it was added, and the means to give their pages back to the system
/// while the connection is quiet (``release()``), which an idle proxied WebSocket is nearly always.
/// The buffers stay; a page is zero-filled again when it is next written.
///
/// A buffer NIOSSL makes later (a copy, while the socket is backed up) is not adopted: it is
/// released as before, when the connection closes.
final class ConnectionPages: Sendable {
    private static let ids = Atomic<UInt64>(0)
    /// Buffers given back so far, in all connections (for tests and benchmarks).
    static let released = Atomic<Int>(0)

    let id: UInt64
    private let addresses = Mutex<[UInt]>([])

    init() {
        id = Self.ids.add(1, ordering: .relaxed).newValue
    }

    /// Runs `body` on this thread with the buffers it maps counted as this connection's.
    func adopting<Result>(_ body: () throws -> Result) rethrows -> Result {
        let before = PagedBufferAllocator.adopting.currentValue
        PagedBufferAllocator.adopting.currentValue = self
        defer { PagedBufferAllocator.adopting.currentValue = before }
        return try body()
    }

    func adopt(_ address: UInt) {
        addresses.withLock { $0.append(address) }
    }

    /// Gives the pages of this connection's buffers back to the system (`MADV_DONTNEED`).
    ///
    /// Only while no byte in them is still to be read or written: on the connection's event loop,
    /// outside its handlers' calls (NIOSSL passes on all it decrypts before it returns, and
    /// writes all it encrypts), with no write pending on the connection or on any channel its
    /// bytes were passed to. A buffer freed since (its mapping gone, or made again for another
    /// connection at the same address) is left alone.
    func release() {
        addresses.withLock { addresses in
            PagedBufferAllocator.mappings.withLock { mappings in
                addresses.removeAll { address in
                    guard let mapping = mappings[address], mapping.owner == id else { return true }
                    if madvise(UnsafeMutableRawPointer(bitPattern: address), mapping.length, MADV_DONTNEED) == 0 {
                        Self.released.add(1, ordering: .relaxed)
                    }
                    return false
                }
            }
        }
    }

    /// Bytes of this connection's buffers resident now (`mincore`).
    func residentBytes() -> Int {
        addresses.withLock { addresses in
            PagedBufferAllocator.mappings.withLock { mappings in
                var resident = 0
                for address in addresses {
                    guard let mapping = mappings[address], mapping.owner == id,
                          let start = UnsafeMutableRawPointer(bitPattern: address) else { continue }
                    let pageSize = PagedBufferAllocator.pageSize
                    var pages = [UInt8](repeating: 0, count: (mapping.length + pageSize - 1) / pageSize)
                    guard mincore(start, mapping.length, &pages) == 0 else { continue }
                    resident += pages.filter { $0 & 1 == 1 }.count * pageSize
                }
                return resident
            }
        }
    }

    /// How many of this connection's buffers are still its own.
    var count: Int {
        addresses.withLock { addresses in
            PagedBufferAllocator.mappings.withLock { mappings in addresses.filter { mappings[$0]?.owner == id }.count }
        }
    }
}
