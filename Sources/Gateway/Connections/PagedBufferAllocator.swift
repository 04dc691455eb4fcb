#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
@_spi(CustomByteBufferAllocator) import NIOCore
import Synchronization

/// The byte-buffer allocator of the HTTPS listener's connections: buffers from 16 KiB to 256 KiB
/// get pages of their own (`mmap`), smaller and larger ones come from `malloc` as usual.
///
/// Why: NIOSSL gives every TLS connection a 32 KiB buffer for decrypted bytes and a 16 KiB one for
/// encrypted bytes on their way out, allocated when the handler is added and kept for the
/// connection's life (`NIOSSLHandler.handlerAdded`, with no setting to make them smaller). An idle
/// proxied WebSocket only ever fills the first page of each. Carved from malloc's heap, they sit
/// on memory that earlier connections already touched, so most of their 48 KiB is resident; on
/// pages of their own only the pages written are, and they go back to the system when the
/// connection closes. bench/proxy measures the difference (README).
///
/// The cost is an `mmap` and a `munmap` per buffer: three per connection, against a TLS
/// handshake's thousand-fold more. Buffers are only reallocated this way while a connection
/// grows or copies one (NIOSSL copies a buffer still being written to the socket), which is
/// when the socket is backed up anyway. Above 256 KiB malloc maps pages itself.
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
}

/// Every block starts with this many bytes (keeping the 16-byte alignment malloc gives): the
/// length of its mapping, or 0 for a block from malloc.
private let headerBytes = 16

private func pagedAllocate(_ size: Int) -> UnsafeMutableRawPointer? {
    let total = size + headerBytes
    if size >= PagedBufferAllocator.smallest, size <= PagedBufferAllocator.largest,
       let mapped = mmap(nil, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
       mapped != UnsafeMutableRawPointer(bitPattern: -1) {
        mapped.storeBytes(of: total, as: Int.self)
        PagedBufferAllocator.mappedBytes.add(total, ordering: .relaxed)
        return mapped + headerBytes
    }
    guard let block = malloc(total) else { return nil }
    block.storeBytes(of: 0, as: Int.self)
    return block + headerBytes
}

private func pagedReallocate(_ pointer: UnsafeMutableRawPointer?, _ oldSize: Int, _ newSize: Int) -> UnsafeMutableRawPointer? {
    guard let pointer else { return pagedAllocate(newSize) }
    let block = pointer - headerBytes
    let mappedBytes = block.load(as: Int.self)
    let wantsPages = newSize >= PagedBufferAllocator.smallest && newSize <= PagedBufferAllocator.largest
    if mappedBytes == 0, !wantsPages {
        return realloc(block, newSize + headerBytes).map { $0 + headerBytes }
    }
    guard let moved = pagedAllocate(newSize) else { return nil }
    moved.copyMemory(from: pointer, byteCount: min(oldSize, newSize))
    pagedDeallocate(pointer)
    return moved
}

private func pagedDeallocate(_ pointer: UnsafeMutableRawPointer) {
    let block = pointer - headerBytes
    let mappedBytes = block.load(as: Int.self)
    if mappedBytes > 0 {
        munmap(block, mappedBytes)
        PagedBufferAllocator.mappedBytes.subtract(mappedBytes, ordering: .relaxed)
    } else {
        free(block)
    }
}
