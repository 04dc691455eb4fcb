#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Unbuffered lines to stdout (the job log, `progress:` lines) and stderr (errors).
enum Console {
    static func out(_ text: String) { write(1, text + "\n") }
    static func progress(_ text: String) { write(1, "progress: " + text + "\n") }
    static func error(_ text: String) { write(2, text + "\n") }

    private static func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { raw in
                #if canImport(Glibc)
                Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                #else
                Darwin.write(fd, raw.baseAddress! + offset, raw.count - offset)
                #endif
            }
            if written < 0 { if errno == EINTR { continue }; return }
            offset += written
        }
    }
}
