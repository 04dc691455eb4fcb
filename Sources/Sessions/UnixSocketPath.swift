#if canImport(Glibc)
import Glibc
#endif

/// A Unix socket's path, checked against the shortest limit on its way: the kernel's `sun_path`
/// holds 107 bytes and a NUL, but SwiftNIO's `SocketAddress(unixDomainSocketPath:)`, which the
/// proxy connects with, takes at most 103 (macOS's `sun_path` is 104).
public struct UnixSocketPath: Sendable, Hashable {
    public let path: String

    /// The longest path a socket may have.
    public static let maximumLength = min(103, MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1)

    public init(_ path: String) throws(SessionError) {
        guard path.utf8.count <= Self.maximumLength else {
            throw SessionError.spawnFailed("the socket path \(path) is \(path.utf8.count) bytes long; a Unix socket's path may have "
                                           + "at most \(Self.maximumLength). Choose a shorter DATA directory.")
        }
        self.path = path
    }

    /// Calls `body` with this path as a `sockaddr_un`.
    func withAddress<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }
}
