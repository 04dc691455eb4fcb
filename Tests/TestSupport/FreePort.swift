#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A TCP port on 127.0.0.1 that is free now, chosen below the kernel's ephemeral range
/// (32768–60999 here): a port from bind(0) is itself ephemeral, so a client connection of a
/// concurrent test (the PostgreSQL tests open many) can take it before the server binds it.
public enum FreePort {
    /// A port in `range` (by default one no suite picks with an explicit range) that can be bound
    /// now and is not in `taken`.
    public static func next(in range: Range<Int> = 20_000..<32_000, avoiding taken: Set<Int> = []) throws -> Int {
        for _ in 0..<500 {
            let candidate = Int.random(in: range)
            if !taken.contains(candidate), canBind(candidate) { return candidate }
        }
        throw POSIXError(.EADDRINUSE)
    }

    public static func canBind(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 }
        }
    }
}
