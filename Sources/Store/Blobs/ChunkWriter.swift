import CAtriumShims
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes one chunk at a time on a background thread so the caller can hash the next chunk
/// meanwhile. At most one write is in flight; the caller's buffer must stay untouched until the
/// next `waitAndSubmit` or `finish` returns.
final class ChunkWriter: @unchecked Sendable {
    private let calls: POSIXCalls
    private let fd: Int32
    private let path: String
    private let queue = DispatchQueue(label: "atrium.store.chunk-writer")
    private let done = DispatchSemaphore(value: 1)
    private var failure: Error?
    /// Bytes written so far, and how far writeback has been started.
    private var written: Int64 = 0
    private var writebackStarted: Int64 = 0
    /// Writeback is started every this many bytes, overlapping disk I/O with hashing.
    private let writebackInterval: Int64 = 8 << 20

    init(calls: POSIXCalls, fd: Int32, path: String) {
        self.calls = calls
        self.fd = fd
        self.path = path
    }

    func waitAndSubmit(_ chunk: UnsafeRawBufferPointer) throws {
        done.wait()
        if let failure { done.signal(); throw failure }
        let address = UInt(bitPattern: chunk.baseAddress), count = chunk.count
        queue.async { [self] in
            let bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: address), count: count)
            do {
                try calls.writeAll(fd, bytes, path: path)
                written += Int64(count)
                if written - writebackStarted >= writebackInterval {
                    _ = atrium_start_writeback(fd, writebackStarted, written - writebackStarted)
                    writebackStarted = written
                }
            } catch { failure = error }
            done.signal()
        }
    }

    func finish() throws {
        done.wait()
        defer { done.signal() }
        if let failure { throw failure }
    }
}
