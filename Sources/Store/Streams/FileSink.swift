#if canImport(Glibc)
import Glibc
#endif

/// A `ByteSink` over a file descriptor.
public final class FileSink: ByteSink {
    private let file: OpenFile
    public var fd: Int32 { file.fd }
    public var path: String { file.path }

    public init(fd: Int32, path: String, owns: Bool = true, retry: RetryPolicy = .default, faults: FaultInjector = .none) {
        file = OpenFile(fd: fd, path: path, owns: owns, calls: POSIXCalls(retry: retry, faults: faults))
    }

    /// Creates `path` exclusively (it must not exist), mode 0600 unless told otherwise.
    public init(creating path: String, mode: mode_t = 0o600) throws {
        file = try OpenFile(opening: path, flags: O_WRONLY | O_CREAT | O_EXCL, mode: mode, operation: "create",
                            calls: POSIXCalls(retry: .default, faults: .none))
    }

    public static func standardOutput() -> FileSink { FileSink(fd: 1, path: "<stdout>", owns: false) }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try file.calls.writeAll(fd, bytes, path: path)
    }

    public func sync() throws {
        try file.calls.call("fsync", path, accept: [EINVAL, ENOTSUP]) { fsync(fd) }
    }

    /// Closes the descriptor now. SMB refuses to rename a file its own process still holds open
    /// (EBUSY), so writers close before they move a file into place.
    public func close() throws {
        try file.close()
    }
}
