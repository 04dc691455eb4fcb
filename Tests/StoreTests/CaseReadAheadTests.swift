import Foundation
import Testing
@testable import Store

/// `ReadAheadSource`, which case restores use to decode on a second thread.
@Suite struct CaseReadAheadTests {
    /// Hands out its bytes in odd-sized pieces, then optionally fails.
    final class PieceSource: ByteSource {
        let bytes: [UInt8]
        var offset = 0
        let failAtEnd: Bool
        init(_ bytes: [UInt8], failAtEnd: Bool = false) {
            self.bytes = bytes
            self.failAtEnd = failAtEnd
        }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let n = min(buffer.count, bytes.count - offset, 77_777)
            if n == 0 {
                if failAtEnd { throw CaseError.corrupt("failed at the end") }
                return 0
            }
            bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
            offset += n
            return n
        }
    }

    @Test(arguments: [0, 1, 4096, 1 << 20, 5 << 20 + 3])
    func passesBytesThroughInOrder(size: Int) throws {
        let input = randomBytes(size, seed: UInt64(size))
        let sink = MemorySink()
        try ReadAheadSource(PieceSource(input), chunkSize: 256 << 10).copy(to: sink, chunkSize: 100_000)
        #expect(sink.bytes == input)
    }

    @Test func throwsTheSourcesErrorAfterItsBytes() throws {
        let input = randomBytes(3 << 20, seed: 3)
        let source = ReadAheadSource(PieceSource(input, failAtEnd: true), chunkSize: 1 << 20)
        let sink = MemorySink()
        #expect(throws: CaseError.corrupt("failed at the end")) { try source.copy(to: sink) }
        #expect(sink.bytes == input)
    }

    /// Dropped while the producer waits for a free chunk (it has read ahead only `depth` chunks,
    /// not the whole source): deinit stops the producer and returns; a hang fails the time limit.
    @Test(.timeLimit(.minutes(1))) func abandoningMidwayStopsTheThread() throws {
        for _ in 0..<20 {
            let inner = PieceSource(randomBytes(8 << 20, seed: 4))
            var source: ReadAheadSource? = ReadAheadSource(inner, chunkSize: 1 << 20, depth: 2)
            var buffer = [UInt8](repeating: 0, count: 1000)
            #expect(try buffer.withUnsafeMutableBytes { try source!.read(into: $0) } == 1000)
            source = nil  // deinit: cancels the producer and waits for it
            #expect(source == nil)
            #expect(inner.offset < inner.bytes.count, "the producer read the whole source instead of waiting for a free chunk")
        }
    }
}
