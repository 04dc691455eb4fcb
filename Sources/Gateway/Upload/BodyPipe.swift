import Foundation
import NIOCore
import Store

/// Hands an HTTP request body (async `ByteBuffer`s) to synchronous store code (a ``ByteSource``
/// read on a worker thread) with bounded buffering: the producer waits while `capacity` bytes are
/// queued, so a 2 GiB upload holds a few MiB at most. Either side can fail the pipe; the other
/// then sees the error (a truncated body reaches the reader as an error, never as a clean end).
final class BodyPipe: ByteSource, @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [ByteBuffer] = []
    private var queued = 0
    private var finished = false
    private var failure: (any Error)?
    private var readerGone = false
    private var spaceWaiter: CheckedContinuation<Void, Never>?
    /// How many queued bytes wake the waiting reader: TLS delivers ~16 KiB records, and waking a
    /// thread for each costs more than the copy, so the reader sleeps until a large read is ready.
    private var readerWants = 1
    let capacity: Int

    init(capacity: Int = 4 << 20) { self.capacity = capacity }

    // MARK: producer (async)

    /// Queues `buffer`, waiting while the pipe is full. Returns false once the reader has stopped.
    func push(_ buffer: ByteBuffer) async -> Bool {
        while true {
            let ready: Bool? = condition.withLock {
                if readerGone { return false }
                if queued < capacity {
                    queue.append(buffer)
                    queued += buffer.readableBytes
                    if queued >= readerWants { condition.broadcast() }
                    return true
                }
                return nil
            }
            if let ready { return ready }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow: Bool = condition.withLock {
                    if readerGone || queued < capacity { return true }
                    spaceWaiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }

    /// Marks the clean end of the body.
    func finish() {
        condition.withLock {
            finished = true
            condition.broadcast()
        }
    }

    /// Fails the pipe: the reader's next read throws `error`.
    func fail(_ error: any Error) {
        condition.withLock {
            if failure == nil { failure = error }
            condition.broadcast()
        }
    }

    // MARK: reader (blocking, on a worker thread)

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var waiter: CheckedContinuation<Void, Never>?
        defer { waiter?.resume() }
        condition.lock()
        defer { condition.unlock() }
        let wanted = max(1, min(buffer.count, capacity / 2))
        while true {
            if let failure { throw failure }
            if queued >= wanted || (finished && !queue.isEmpty) {
                // Fill the reader's buffer from as many queued parts as fit: TLS hands the body
                // over in ~16 KiB records, and the store works best with large reads.
                var n = 0
                while n < buffer.count, var first = queue.first {
                    let take = min(buffer.count - n, first.readableBytes)
                    first.withUnsafeReadableBytes { bytes in
                        (buffer.baseAddress! + n).copyMemory(from: bytes.baseAddress!, byteCount: take)
                    }
                    first.moveReaderIndex(forwardBy: take)
                    if first.readableBytes == 0 { queue.removeFirst() } else { queue[0] = first }
                    n += take
                }
                queued -= n
                if queued < capacity, let space = spaceWaiter {
                    spaceWaiter = nil
                    waiter = space
                }
                return n
            }
            if finished { return 0 }
            readerWants = wanted
            condition.wait()
            readerWants = 1
        }
    }

    /// Called when the reader is done (success or not): a waiting producer is released.
    func closeReader() {
        let waiter: CheckedContinuation<Void, Never>? = condition.withLock {
            readerGone = true
            queue.removeAll()
            queued = 0
            defer { spaceWaiter = nil }
            return spaceWaiter
        }
        waiter?.resume()
    }
}
