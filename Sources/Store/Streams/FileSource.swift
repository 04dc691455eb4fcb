#if canImport(Glibc)
import Glibc
#endif

/// A `ByteSource` over a file descriptor (a file, a pipe, stdin). Owns the descriptor unless told not to.
public final class FileSource: ByteSource {
    private let file: OpenFile
    public var fd: Int32 { file.fd }
    public var path: String { file.path }

    public init(fd: Int32, path: String, owns: Bool = true, retry: RetryPolicy = .default, faults: FaultInjector = .none) {
        file = OpenFile(fd: fd, path: path, owns: owns, calls: POSIXCalls(retry: retry, faults: faults))
    }

    /// Opens `path` for reading.
    public init(path: String, retry: RetryPolicy = .default, faults: FaultInjector = .none) throws {
        file = try OpenFile(opening: path, flags: O_RDONLY, operation: "open", calls: POSIXCalls(retry: retry, faults: faults))
    }

    public static func standardInput() -> FileSource { FileSource(fd: 0, path: "<stdin>", owns: false) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try file.calls.call("read", path) { Glibc.read(fd, buffer.baseAddress, buffer.count) }
    }

    /// Size of the underlying file, when it is one.
    public func fileSize() -> Int64? {
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(st.st_size)
    }
}
