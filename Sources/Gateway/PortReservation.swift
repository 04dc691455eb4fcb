#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import Synchronization

/// The concrete port for a configured HTTPS port of 0, picked before anything is built, so that
/// every part made from the configuration (the runtimes' API URL, the cluster's advertised
/// address, the redirect, the portal URL) is made with it instead of being told it later.
///
/// Hummingbird 2 binds its listener itself and cannot take a socket bound beforehand, so the port
/// is held by a socket bound, not listening, with `SO_REUSEADDR` to the address the server will
/// bind: the server's own bind (`SO_REUSEADDR` as well, Hummingbird's default) succeeds on it,
/// while Linux gives the port to no other plain bind and to no outgoing connection meanwhile. The
/// hold ends with ``release()`` once the server listens, or when the reservation is freed. The
/// trade-off left: another program binding this very port with `SO_REUSEADDR` in between makes
/// the server's start fail with "address in use" (nothing runs on a wrong port).
final class PortReservation: Sendable {
    let port: Int
    private let socket: Mutex<CInt?>

    /// Holds a free port of `host` (resolved as the server resolves it).
    init(host: String) throws {
        let address = try SocketAddress.makeAddressResolvingHost(host, port: 0)
        let fd = Glibc.socket(address.protocol.rawValue, CInt(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw IOError(errnoCode: errno, reason: "socket") }
        do {
            var on: CInt = 1
            guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<CInt>.size)) == 0 else {
                throw IOError(errnoCode: errno, reason: "setsockopt(SO_REUSEADDR)")
            }
            guard address.withSockAddr({ Glibc.bind(fd, $0, socklen_t($1)) }) == 0 else {
                throw IOError(errnoCode: errno, reason: "bind(\(host):0)")
            }
            port = try Self.boundPort(fd)
        } catch {
            close(fd)
            throw error
        }
        socket = Mutex(fd)
    }

    /// Lets the port go (the server holds it now); later calls do nothing.
    func release() {
        socket.withLock { fd in
            if let open = fd { close(open) }
            fd = nil
        }
    }

    deinit {
        release()
    }

    private static func boundPort(_ fd: CInt) throws -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let found = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard found == 0 else { throw IOError(errnoCode: errno, reason: "getsockname") }
        let family = CInt(storage.ss_family)
        let bound: SocketAddress = withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { SocketAddress($0.pointee) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { SocketAddress($0.pointee) }
        }
        guard let port = bound.port else { throw IOError(errnoCode: EINVAL, reason: "getsockname: no port") }
        return port
    }
}
