import Foundation
@testable import Gateway
import NIOCore
import Testing

/// The store → response bridge on its own: bounded, ordered, and failing the right way.
@Suite struct ResponsePipeTests {
    struct Boom: Error {}

    /// Runs `body` on a plain thread (as the store's restore runs on a worker thread).
    static func onThread(_ body: @escaping @Sendable () -> Void) {
        Thread { body() }.start()
    }

    @Test func aSlowConsumerKeepsTheProducerWithinTheCapacity() async throws {
        let pipe = ResponsePipe(capacity: 2 << 20)
        let chunk = 1 << 20, chunks = 24
        Self.onThread {
            var block = [UInt8](repeating: 0, count: chunk)
            for index in 0..<chunks {
                block[0] = UInt8(index)
                try? block.withUnsafeBytes { try pipe.write($0) }
            }
            pipe.finish()
        }
        var total = 0, firstBytes: [UInt8] = [], maxQueued = 0
        while let buffer = try await pipe.next() {
            if total % chunk == 0 { firstBytes.append(buffer.getInteger(at: buffer.readerIndex)!) }
            total += buffer.readableBytes
            try await Task.sleep(for: .milliseconds(2))
            maxQueued = max(maxQueued, pipe.queuedBytes)
        }
        #expect(total == chunk * chunks)
        #expect(firstBytes == (0..<chunks).map(UInt8.init))
        #expect(maxQueued <= pipe.capacity + chunk)
    }

    @Test func aProducerFailureReachesTheConsumerAfterTheQueuedBytes() async throws {
        let pipe = ResponsePipe()
        Self.onThread {
            try? [UInt8](repeating: 7, count: 100).withUnsafeBytes { try pipe.write($0) }
            pipe.finish(Boom())
        }
        let first = try await pipe.next()
        #expect(first?.readableBytes == 100)
        await #expect(throws: Boom.self) { _ = try await pipe.next() }
    }

    @Test func aGoneConsumerReleasesABlockedProducer() async throws {
        let pipe = ResponsePipe(capacity: 1024)
        let failed = AsyncStream<Bool>.makeStream()
        Self.onThread {
            let block = [UInt8](repeating: 1, count: 1024)
            do {
                for _ in 0..<100 { try block.withUnsafeBytes { try pipe.write($0) } }
                failed.continuation.yield(false)
            } catch {
                failed.continuation.yield(error is ResponsePipe.ConsumerGone)
            }
        }
        _ = try await pipe.next()
        pipe.closeConsumer()
        var iterator = failed.stream.makeAsyncIterator()
        #expect(await iterator.next() == true)
    }
}
