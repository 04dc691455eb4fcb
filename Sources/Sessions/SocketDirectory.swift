#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A data session's socket directory (`S/sock`), held open for the session's life so that its
/// socket has a path short enough for `sun_path` however long DATA is: the host path when it
/// fits, else the same directory through this process's descriptor of it,
/// `/proc/<gateway pid>/fd/<n>/serve.sock` (the kernel resolves the link; an unsandboxed runtime,
/// a child with the gateway's uid, can bind through it too). Inside the sandbox the runtime
/// binds `/atrium/sock/serve.sock` and never sees either.
final class SocketDirectory: Sendable {
    let path: String
    private let descriptor: Mutex<Int32>

    init(_ path: String) throws(SessionError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            throw SessionError.spawnFailed("the session's socket directory \(path) cannot be opened: \(String(cString: strerror(errno)))")
        }
        self.path = path
        descriptor = Mutex(fd)
    }

    /// The path of `name` in the directory that a socket may have.
    func socket(_ name: String) throws(SessionError) -> UnixSocketPath {
        let host = path + "/" + name
        if host.utf8.count <= UnixSocketPath.maximumLength { return try UnixSocketPath(host) }
        let fd = descriptor.withLock { $0 }
        guard fd >= 0 else { throw SessionError.notReady("it has ended.") }
        return try UnixSocketPath("/proc/\(getpid())/fd/\(fd)/" + name)
    }

    /// Closes the descriptor (the session ended); a socket path through it stops resolving.
    func close() {
        let fd = descriptor.withLock { fd in
            defer { fd = -1 }
            return fd
        }
        if fd >= 0 { _ = Glibc.close(fd) }
    }

    deinit { close() }
}
