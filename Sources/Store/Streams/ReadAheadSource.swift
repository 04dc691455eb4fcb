import Foundation

/// Reads another source on a background thread, a few chunks ahead of the caller, so that
/// producing bytes (reading a blob, hashing it, decompressing) overlaps consuming them (hashing
/// the output, writing a file) — on two cores a restore then costs about the slower of the two
/// instead of their sum.
///
/// The wrapped source is used only by the background thread from `init` on, and never after this
/// object is gone: `deinit` stops the thread and waits for it. Its errors are thrown by `read`
/// in order, after the bytes that came before them. The caller's thread does everything else.
final class ReadAheadSource: ByteSource {
    private let pipeline: Pipeline
    private var current: (buffer: UnsafeMutableRawBufferPointer, count: Int)?
    private var offset = 0
    private var ended = false

    /// - Parameters:
    ///   - chunkSize: bytes per chunk handed over (default 1 MiB).
    ///   - depth: chunks in flight (default 3: one being consumed, the others produced or ready).
    init(_ source: ByteSource, chunkSize: Int = 1 << 20, depth: Int = 3) {
        pipeline = Pipeline(source: source, chunkSize: chunkSize, depth: max(2, depth))
        let pipeline = self.pipeline
        DedicatedThread.start(name: "atrium.read-ahead") { pipeline.produce() }
    }

    deinit { pipeline.cancelAndWait() }

    func read(into out: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !ended, out.count > 0 else { return 0 }
        if current == nil || offset == current!.count {
            current = try pipeline.next(returning: current?.buffer)
            offset = 0
            guard current != nil else {
                ended = true
                return 0
            }
        }
        let chunk = current!
        let n = min(out.count, chunk.count - offset)
        out.baseAddress!.copyMemory(from: chunk.buffer.baseAddress! + offset, byteCount: n)
        offset += n
        return n
    }

    /// The state shared by the caller's thread and the producer thread, guarded by `condition`.
    /// The producer thread keeps it alive until it has finished, so buffers outlive every use.
    private final class Pipeline: @unchecked Sendable {
        private let source: ByteSource
        private let condition = NSCondition()
        private let all: [UnsafeMutableRawBufferPointer]
        private var free: [UnsafeMutableRawBufferPointer]
        private var filled: [(buffer: UnsafeMutableRawBufferPointer, count: Int)] = []
        private var failure: Error?
        private var producerDone = false
        private var cancelled = false

        init(source: ByteSource, chunkSize: Int, depth: Int) {
            self.source = source
            all = (0..<depth).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64) }
            free = all
        }

        deinit { all.forEach { $0.deallocate() } }

        /// Gives back the chunk the caller finished with and waits for the next (nil at the end).
        func next(returning used: UnsafeMutableRawBufferPointer?) throws -> (buffer: UnsafeMutableRawBufferPointer, count: Int)? {
            condition.lock()
            defer { condition.unlock() }
            if let used {
                free.append(used)
                condition.broadcast()
            }
            while filled.isEmpty && failure == nil && !producerDone { condition.wait() }
            if !filled.isEmpty { return filled.removeFirst() }
            if let failure { throw failure }
            return nil
        }

        func cancelAndWait() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            while !producerDone { condition.wait() }
            condition.unlock()
        }

        /// Producer thread: fills free chunks from the source until it ends, fails, or is cancelled.
        func produce() {
            defer {
                condition.lock()
                producerDone = true
                condition.broadcast()
                condition.unlock()
            }
            while true {
                condition.lock()
                while free.isEmpty && !cancelled { condition.wait() }
                if cancelled {
                    condition.unlock()
                    return
                }
                let buffer = free.removeLast()
                condition.unlock()

                var count = 0
                var error: Error?
                do {
                    while count < buffer.count {
                        let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
                        if n == 0 { break }
                        count += n
                    }
                } catch let e {
                    error = e
                }

                condition.lock()
                if count > 0 { filled.append((buffer, count)) } else { free.append(buffer) }
                failure = error
                condition.broadcast()
                condition.unlock()
                // A short chunk means the source ended.
                if error != nil || count < buffer.count { return }
            }
        }
    }
}
