#if canImport(Glibc)
import Glibc
#endif
import CAtriumShims

/// A `ByteSink` over a file descriptor.
public final class FileSink: ByteSink {
    public let fd: Int32
    public let path: String
    private var owns: Bool
    private let calls: POSIXCalls

    public init(fd: Int32, path: String, owns: Bool = true, retry: RetryPolicy = .default, faults: FaultInjector = .none) {
        self.fd = fd
        self.path = path
        self.owns = owns
        self.calls = POSIXCalls(retry: retry, faults: faults)
    }

    /// Creates `path` exclusively (it must not exist), mode 0600 unless told otherwise.
    public convenience init(creating path: String, mode: mode_t = 0o600) throws {
        let calls = POSIXCalls(retry: .default, faults: .none)
        let fd = try calls.call("create", path) { atrium_openat(AT_FDCWD, path, O_WRONLY | O_CREAT | O_EXCL, mode) }
        self.init(fd: fd, path: path)
    }

    public static func standardOutput() -> FileSink { FileSink(fd: 1, path: "<stdout>", owns: false) }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try calls.writeAll(fd, bytes, path: path)
    }

    public func sync() throws {
        try calls.call("fsync", path, accept: [EINVAL, ENOTSUP]) { fsync(fd) }
    }

    /// Closes the descriptor now. SMB refuses to rename a file its own process still holds open
    /// (EBUSY), so writers close before they move a file into place.
    public func close() throws {
        guard owns else { return }
        owns = false
        try calls.call("close", path) { Glibc.close(fd) }
    }

    deinit { if owns { Glibc.close(fd) } }
}
