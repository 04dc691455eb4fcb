import NIOCore
import NIOPosix
import Foundation
import Gateway
import Synchronization
import Testing

/// Uploads that block for a long time must not starve NIO's shared blocking pool (SQLite runs
/// there), and past the limit of transfers at once callers get 503 instead of a hang.
@Suite struct BlockingThreadsTests {
    @Test func blockedTransfersLeaveTheSharedPoolFreeAndTheLimitAnswers503() async throws {
        let threads = BlockingThreads(limit: 3)
        let gate = DispatchSemaphore(value: 0)
        let started = StartedCount()
        let transfers = (0..<3).map { index in
            Task {
                try await threads.run { () -> Int in
                    started.add()
                    gate.wait()
                    return index
                }
            }
        }
        while started.value < 3 { try await Task.sleep(for: .milliseconds(5)) }
        // Every shared-pool thread is still free although three transfers block.
        let answers = try await withThrowingTaskGroup(of: Int.self) { group in
            for value in 0..<(2 * System.coreCount) { group.addTask { try await NIOThreadPool.singleton.runIfActive { value } } }
            return try await group.reduce(0, +)
        }
        #expect(answers == (0..<(2 * System.coreCount)).reduce(0, +))
        do {
            _ = try await threads.run { 0 }
            Issue.record("a fourth transfer was admitted")
        } catch let problem as Problem {
            #expect(problem.status == 503)
            #expect(problem.headers["Retry-After"] == "5")
        }
        for _ in 0..<3 { gate.signal() }
        var results: [Int] = []
        for transfer in transfers { results.append(try await transfer.value) }
        #expect(results.sorted() == [0, 1, 2])
        #expect(try await threads.run { 7 } == 7)
    }
}

/// Counts transfers that started (shared with their threads).
final class StartedCount: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
