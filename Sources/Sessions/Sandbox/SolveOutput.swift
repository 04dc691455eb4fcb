import Foundation
import Store
#if canImport(Glibc)
import Glibc
#endif

/// A solve's output file, opened for the gateway (root) to read: never through a symbolic link
/// (O_NOFOLLOW) and only when it is a regular file, so a runtime cannot make the gateway read a
/// host file of its choosing (a link to a key) or block on a FIFO.
enum SolveOutput {
    static func open(_ path: String) throws -> FileSource {
        let fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let why = errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno))
            throw SessionError.cannotLaunch("the solve's output \(path) cannot be read: \(why)")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw SessionError.cannotLaunch("the solve's output \(path) is not a regular file")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return FileSource(fd: fd, path: path)
    }
}
