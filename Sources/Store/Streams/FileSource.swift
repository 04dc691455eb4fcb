#if canImport(Glibc)
import Glibc
#endif
import CAtriumShims

/// A `ByteSource` over a file descriptor (a file, a pipe, stdin). Owns the descriptor unless told not to.
public final class FileSource: ByteSource {
    public let fd: Int32
    public let path: String
    private let owns: Bool
    private let calls: POSIXCalls

    public init(fd: Int32, path: String, owns: Bool = true, retry: RetryPolicy = .default, faults: FaultInjector = .none) {
        self.fd = fd
        self.path = path
        self.owns = owns
        self.calls = POSIXCalls(retry: retry, faults: faults)
    }

    /// Opens `path` for reading.
    public convenience init(path: String, retry: RetryPolicy = .default, faults: FaultInjector = .none) throws {
        let calls = POSIXCalls(retry: retry, faults: faults)
        let fd = try calls.call("open", path) { atrium_openat(AT_FDCWD, path, O_RDONLY, 0) }
        self.init(fd: fd, path: path, retry: retry, faults: faults)
    }

    public static func standardInput() -> FileSource { FileSource(fd: 0, path: "<stdin>", owns: false) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try calls.call("read", path) { Glibc.read(fd, buffer.baseAddress, buffer.count) }
    }

    /// Size of the underlying file, when it is one.
    public func fileSize() -> Int64? {
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(st.st_size)
    }

    deinit { if owns { close(fd) } }
}
