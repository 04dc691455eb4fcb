#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
@_spi(CustomByteBufferAllocator) import NIOCore
import NIOPosix
import Synchronization

/// The byte-buffer allocator of the HTTPS listener's connections: buffers from 16 KiB to 256 KiB
/// get pages of their own (`mmap`), smaller and larger ones come from `malloc` as usual.
///
/// Why: NIOSSL gives every TLS connection a 32 KiB buffer for decrypted bytes and a 16 KiB one for
/// encrypted bytes on their way out, allocated when the handler is added and kept for the
/// connection's life (`NIOSSLHandler.handlerAdded`, with no setting to make them smaller). An idle
/// proxied WebSocket only ever fills the first page of each. Carved from malloc's heap, they sit
/// on memory that earlier connections already touched, so most of their 48 KiB is resident; on
/// pages of their own only the pages written are, they go back to the system when the connection
/// closes, and a quiet connection can give them back before (``ConnectionPages``). bench/proxy
/// measures the difference (README).
///
/// The cost is an `mmap` and a `munmap` per buffer: two per connection (the receive buffer
/// starts at 512 bytes and stays with malloc until a burst grows it), against a TLS handshake's
/// thousand-fold more. Buffers are only reallocated this way while a connection
/// grows or copies one (NIOSSL copies a buffer still being written to the socket), which is
/// when the socket is backed up anyway. Above 256 KiB malloc maps pages itself.
///
/// A mapping's length is kept beside it (``mappings``), not in a header of its own, so that a
/// released mapping keeps no page at all. Mappings are page-aligned, blocks from malloc are not
/// looked up unless they happen to be.
enum PagedBufferAllocator {
    /// Sizes from here up get pages of their own.
    static let smallest = 16 * 1024
    /// Sizes above this go to malloc (which maps chunks this large itself).
    static let largest = 256 * 1024

    /// Bytes mapped now, in all of this process's connections (tests look for leaks with it).
    static let mappedBytes = Atomic<Int>(0)

    static let allocator = ByteBufferAllocator(
        allocate: { size in pagedAllocate(size) },
        reallocate: { pointer, oldSize, newSize in pagedReallocate(pointer, oldSize, newSize) },
        deallocate: { pointer in pagedDeallocate(pointer) },
        copy: { destination, source, count in destination.copyMemory(from: source, byteCount: count) }
    )

    struct Mapping {
        let length: Int
        /// The ``ConnectionPages`` it was made for, 0 for none.
        let owner: UInt64
    }

    /// The mappings alive now, by address.
    static let mappings = Mutex<[UInt: Mapping]>([:])

    /// The connection whose buffers this thread is making now (``ConnectionPages/adopting(_:)``).
    static let adopting = ThreadSpecificVariable<ConnectionPages>()

    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
}

private func pagedAllocate(_ size: Int) -> UnsafeMutableRawPointer? {
    if size >= PagedBufferAllocator.smallest, size <= PagedBufferAllocator.largest,
       let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
       mapped != UnsafeMutableRawPointer(bitPattern: -1) {
        let address = UInt(bitPattern: mapped)
        let owner = PagedBufferAllocator.adopting.currentValue
        PagedBufferAllocator.mappings.withLock { $0[address] = .init(length: size, owner: owner?.id ?? 0) }
        owner?.adopt(address)
        PagedBufferAllocator.mappedBytes.add(size, ordering: .relaxed)
        return mapped
    }
    return malloc(size)
}

/// The mapping `pointer` starts, if it is one (taken out of the table when `remove`).
private func mapping(at pointer: UnsafeMutableRawPointer, remove: Bool) -> PagedBufferAllocator.Mapping? {
    let address = UInt(bitPattern: pointer)
    guard address % UInt(PagedBufferAllocator.pageSize) == 0 else { return nil }
    return PagedBufferAllocator.mappings.withLock { remove ? $0.removeValue(forKey: address) : $0[address] }
}

private func pagedReallocate(_ pointer: UnsafeMutableRawPointer?, _ oldSize: Int, _ newSize: Int) -> UnsafeMutableRawPointer? {
    guard let pointer else { return pagedAllocate(newSize) }
    let wantsPages = newSize >= PagedBufferAllocator.smallest && newSize <= PagedBufferAllocator.largest
    if !wantsPages, mapping(at: pointer, remove: false) == nil {
        return realloc(pointer, newSize)
    }
    guard let moved = pagedAllocate(newSize) else { return nil }
    moved.copyMemory(from: pointer, byteCount: min(oldSize, newSize))
    pagedDeallocate(pointer)
    return moved
}

private func pagedDeallocate(_ pointer: UnsafeMutableRawPointer) {
    if let mapping = mapping(at: pointer, remove: true) {
        munmap(pointer, mapping.length)
        PagedBufferAllocator.mappedBytes.subtract(mapping.length, ordering: .relaxed)
    } else {
        free(pointer)
    }
}
