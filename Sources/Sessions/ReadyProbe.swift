import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Asks a data session's `readyPath` over plain HTTP/1.1 on its Unix socket: ready on a 2xx status.
enum ReadyProbe {
    /// One attempt; false when nothing listens yet or the answer is not 2xx.
    static func check(socket socketPath: UnixSocketPath, path: String, timeout: TimeInterval = 2) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - floor(timeout)) * 1_000_000))
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        guard socketPath.withAddress({ connect(fd, $0, $1) }) == 0 else { return false }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: session\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else { return false }
        var buffer = [UInt8](repeating: 0, count: 64)
        var received = 0
        while received < 12 {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + received, $0.count - received, 0) }
            guard n > 0 else { return false }
            received += n
        }
        // "HTTP/1.1 200"
        let status = String(decoding: buffer[9..<12], as: UTF8.self)
        return status.hasPrefix("2")
    }
}
