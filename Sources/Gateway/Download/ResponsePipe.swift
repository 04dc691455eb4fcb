import Foundation
import NIOCore
import Store

/// The reverse of ``BodyPipe``: synchronous store code (a restore writing to a ``ByteSink`` on a
/// worker thread) feeds an async HTTP response body with bounded buffering. The writer blocks
/// while `capacity` bytes are queued, so a 2 GiB download holds a few MiB at most. A failure of
/// the producer reaches the consumer after the bytes queued before it; a consumer that stops
/// (client gone) makes the producer's next write throw, so the worker thread is released.
final class ResponsePipe: ByteSink, @unchecked Sendable {
    /// Thrown into the producer once the consumer is gone.
    struct ConsumerGone: Error {}

    private let condition = NSCondition()
    private var queue: [ByteBuffer] = []
    private var queued = 0
    private var finished = false
    private var failure: (any Error)?
    private var consumerGone = false
    private var dataWaiter: CheckedContinuation<Void, Never>?
    let capacity: Int

    init(capacity: Int = 4 << 20) { self.capacity = capacity }

    /// Bytes written and not yet taken by the consumer.
    var queuedBytes: Int { condition.withLock { queued } }

    // MARK: producer (blocking, on a worker thread)

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        var waiter: CheckedContinuation<Void, Never>?
        defer { waiter?.resume() }
        condition.lock()
        defer { condition.unlock() }
        while queued >= capacity, !consumerGone { condition.wait() }
        if consumerGone { throw ConsumerGone() }
        queue.append(ByteBuffer(bytes: bytes))
        queued += bytes.count
        waiter = dataWaiter
        dataWaiter = nil
    }

    /// Ends the stream: cleanly when `error` is nil, else the consumer sees `error` after the
    /// bytes already queued.
    func finish(_ error: (any Error)? = nil) {
        let waiter: CheckedContinuation<Void, Never>? = condition.withLock {
            finished = true
            if failure == nil { failure = error }
            defer { dataWaiter = nil }
            return dataWaiter
        }
        waiter?.resume()
    }

    // MARK: consumer (async)

    /// The next queued buffer, nil at the clean end; throws the producer's error.
    func next() async throws -> ByteBuffer? {
        while true {
            let result: Result<ByteBuffer?, any Error>? = condition.withLock {
                if !queue.isEmpty {
                    let buffer = queue.removeFirst()
                    queued -= buffer.readableBytes
                    condition.broadcast()
                    return .success(buffer)
                }
                if finished { return failure.map { .failure($0) } ?? .success(nil) }
                return nil
            }
            if let result { return try result.get() }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow: Bool = condition.withLock {
                    if !queue.isEmpty || finished { return true }
                    dataWaiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }

    /// Called when the consumer stops early: a blocked or later write throws ``ConsumerGone``.
    func closeConsumer() {
        condition.withLock {
            consumerGone = true
            queue.removeAll()
            queued = 0
            condition.broadcast()
        }
    }
}
