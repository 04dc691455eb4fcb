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
            do { try calls.writeAll(fd, bytes, path: path) } catch { failure = error }
            done.signal()
        }
    }

    func finish() throws {
        done.wait()
        defer { done.signal() }
        if let failure { throw failure }
    }
}
