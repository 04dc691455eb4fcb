import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Synchronization
import Testing

/// Uploads run on the executor's transfers lane: past its limit a client gets 503 with
/// `Retry-After` at once instead of a hang, nothing is stored, and a slot freed admits the next.
@Suite struct TransferLaneTests {
    @Test func aFullTransfersLaneAnswers503WithRetryAfterAndStoresNothing() async throws {
        let executor = BlockingExecutor(limits: BlockingLimits(transfers: 2))
        let gate = DispatchSemaphore(value: 0)
        let started = StartedCount()
        let running = (0..<2).map { index in
            Task {
                try await executor.run(.transfers) { () -> Int in
                    started.add()
                    gate.wait()
                    return index
                }
            }
        }
        while started.value < 2 { try await Task.sleep(for: .milliseconds(5)) }
        let data = [UInt8](repeating: 7, count: 4096)
        try await StreamingUploadTests.withUploadRoute(limit: 1 << 20, executor: executor) { client, store in
            try await client.execute(uri: "/blob", method: .put, body: ByteBuffer(bytes: data)) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
            }
            #expect(try store.list().isEmpty)
            for _ in 0..<2 { gate.signal() }
            var results: [Int] = []
            for task in running { results.append(try await task.value) }
            #expect(results.sorted() == [0, 1])
            try await client.execute(uri: "/blob", method: .put, body: ByteBuffer(bytes: data)) { response in
                #expect(response.status == .created)
            }
        }
        await executor.shutdown()
    }

    @Test func aRefusalMapsTo503WithRetryAfter() throws {
        let problem = try #require(Problem(mapping: BlockingLaneFull(lane: .transfers, limit: 32)))
        #expect(problem.status == 503)
        #expect(problem.headers["Retry-After"] == "5")
    }
}

/// Counts calls that started (shared with their threads).
final class StartedCount: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
