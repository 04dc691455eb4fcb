import Foundation
import Sessions
#if canImport(Glibc)
import Glibc
#endif

/// The runtimes' API socket on disk: `DATA/run/api.sock` in a root-only directory (the sandbox
/// binds the socket itself into each session as `/atrium/api.sock`). A socket left by an earlier
/// run is removed before the server binds; once it listens, the socket is opened to every uid
/// (sessions run as their own), which only the bind mount can reach.
enum RuntimeAPISocket {
    /// Makes the directory and clears a stale socket; returns the checked path.
    static func prepare(_ path: String) throws -> UnixSocketPath {
        let socket = try UnixSocketPath(path)
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        _ = chmod(directory, 0o700)
        if unlink(path) != 0, errno != ENOENT {
            throw ConfigurationError(source: path, reason: "cannot remove the old API socket: \(String(cString: strerror(errno)))")
        }
        return socket
    }

    /// Lets the sessions' uids connect (connecting needs write permission on the socket).
    static func open(_ path: String) {
        _ = chmod(path, 0o666)
    }
}
