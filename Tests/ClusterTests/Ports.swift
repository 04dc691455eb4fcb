import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Free loopback TCP ports, picked at random in a range the other suites do not use.
enum Ports {
    static func free(in range: Range<Int> = 33_000..<45_000, avoiding taken: Set<Int> = []) throws -> Int {
        for _ in 0..<500 {
            let candidate = Int.random(in: range)
            if !taken.contains(candidate), canBind(candidate) { return candidate }
        }
        throw POSIXError(.EADDRINUSE)
    }

    static func canBind(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
