#if canImport(Glibc)
import Glibc
#endif
import CAtriumShims

/// An open file descriptor with the path it stands for (in messages) and the store's system-call
/// discipline, as `FileSource` and `FileSink` hold it: closed when it goes away unless it belongs
/// to someone else (stdin, stdout).
final class OpenFile {
    let fd: Int32
    let path: String
    let calls: POSIXCalls
    private var owns: Bool

    init(fd: Int32, path: String, owns: Bool, calls: POSIXCalls) {
        self.fd = fd
        self.path = path
        self.owns = owns
        self.calls = calls
    }

    /// Opens `path` with `flags` (and `mode` when they create it); `operation` names the call in errors.
    convenience init(opening path: String, flags: Int32, mode: mode_t = 0, operation: String, calls: POSIXCalls) throws {
        let fd = try calls.call(operation, path) { atrium_openat(AT_FDCWD, path, flags, mode) }
        self.init(fd: fd, path: path, owns: true, calls: calls)
    }

    /// Closes the descriptor now if it is ours; later calls do nothing.
    func close() throws {
        guard owns else { return }
        owns = false
        try calls.call("close", path) { Glibc.close(fd) }
    }

    deinit { if owns { Glibc.close(fd) } }
}
