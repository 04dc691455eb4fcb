#if canImport(Glibc)
import Glibc
#endif
import CAtriumShims

/// A whole file mapped read-only into memory. Used for zstd reference prefixes and delta inputs:
/// the kernel pages the bytes in from the page cache on demand, so a multi-hundred-MiB version
/// never has to be copied into the heap. Unmapped when the object goes away (or on `close()`).
public final class MappedFile {
    public let path: String
    /// Size of the file when it was mapped.
    public let count: Int
    private var base: UnsafeMutableRawPointer?

    /// Maps `path` read-only. An empty file maps to an empty buffer.
    public init(path: String) throws {
        self.path = path
        let fd = atrium_openat(AT_FDCWD, path, O_RDONLY, 0)
        guard fd >= 0 else { throw StoreError.io(operation: "open", path: path, errno: errno) }
        defer { Glibc.close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError.io(operation: "fstat", path: path, errno: errno) }
        count = Int(st.st_size)
        guard count > 0 else { base = nil; return }
        let p = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let p, p != MAP_FAILED else { throw StoreError.io(operation: "mmap", path: path, errno: errno) }
        base = p
        // References are read front to back when zstd indexes them; inputs likewise.
        _ = madvise(p, count, MADV_WILLNEED)
    }

    /// The mapped bytes. Empty files give an empty buffer with a nil base address.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: base == nil ? 0 : count) }

    /// Unmaps now; `bytes` is empty afterwards.
    public func close() {
        if let base { munmap(base, count) }
        base = nil
    }

    deinit { close() }
}
