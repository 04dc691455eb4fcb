#if canImport(Glibc)
import Glibc
#endif

/// A free loopback port for a data session: bound to port 0 and released, so the kernel picks
/// one that is free now. Another process could take it before the runtime binds; the runtime
/// then fails to listen and the launch fails with its log (no silent misrouting: the proxy
/// secret keeps a stranger's server from being mistaken for the session).
enum PortAllocator {
    static func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SessionError.spawnFailed("no socket for a port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw SessionError.spawnFailed("cannot bind a loopback port") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw SessionError.spawnFailed("cannot read the bound port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
