import Foundation
import Store
import Synchronization
import Testing

/// The executor's lanes: each bounds how many of its calls run at once, a refusing lane throws
/// its typed error when full (nothing runs), lanes do not wait for one another, and shutdown
/// lets what was admitted finish, then refuses.
@Suite struct BlockingExecutorTests {
    /// Calls running now, the most seen at once, and calls started.
    final class Concurrency: Sendable {
        private struct Counts { var now = 0, most = 0, started = 0, finished = 0 }
        private let counts = Mutex(Counts())
        func enter() { counts.withLock { $0.now += 1; $0.most = max($0.most, $0.now); $0.started += 1 } }
        func leave() { counts.withLock { $0.now -= 1; $0.finished += 1 } }
        var most: Int { counts.withLock { $0.most } }
        var started: Int { counts.withLock { $0.started } }
        var finished: Int { counts.withLock { $0.finished } }
    }

    static func until(_ condition: () -> Bool) async throws {
        while !condition() { try await Task.sleep(for: .milliseconds(2)) }
    }

    @Test func aLaneRunsAtMostItsLimitAtOnceAndQueuesTheRest() async throws {
        let executor = BlockingExecutor(limits: BlockingLimits(files: 3))
        let gate = DispatchSemaphore(value: 0)
        let seen = Concurrency()
        let calls = (0..<20).map { index in
            Task {
                try await executor.run(.files) { () -> Int in
                    seen.enter()
                    defer { seen.leave() }
                    gate.wait()
                    return index
                }
            }
        }
        try await Self.until { (seen.started == 3 && executor.waiting(.files) == 17) || seen.started > 3 }
        #expect(seen.started == 3)
        for _ in 0..<20 { gate.signal() }
        var results: [Int] = []
        for call in calls { results.append(try await call.value) }
        #expect(results.sorted() == Array(0..<20))
        #expect(seen.most == 3)
        await executor.shutdown()
    }

    @Test func aQueuedCallStartsOnlyOnceARunningOneFinished() async throws {
        let executor = BlockingExecutor(limits: BlockingLimits(probes: 1))
        let gate = DispatchSemaphore(value: 0)
        let seen = Concurrency()
        let first = Task { try await executor.run(.probes) { seen.enter(); gate.wait(); seen.leave() } }
        try await Self.until { seen.started == 1 }
        // Queued behind the first: when it runs, the first has finished.
        let second = Task {
            try await executor.run(.probes) { () -> Int in
                let finished = seen.finished
                seen.enter()
                seen.leave()
                return finished
            }
        }
        try await Self.until { executor.waiting(.probes) == 1 || seen.started > 1 }
        gate.signal()
        try await first.value
        #expect(try await second.value == 1)
        await executor.shutdown()
    }

    @Test func aFullRefusingLaneThrowsItsTypedErrorAndRunsNothing() async throws {
        let executor = BlockingExecutor(limits: BlockingLimits(transfers: 2, storeWalks: 1))
        let gate = DispatchSemaphore(value: 0)
        let seen = Concurrency()
        let blocked = (0..<2).map { _ in Task { try await executor.run(.transfers) { seen.enter(); gate.wait(); seen.leave() } } }
        try await Self.until { seen.started == 2 }
        let ran = Mutex(false)
        await #expect(throws: BlockingLaneFull(lane: .transfers, limit: 2)) {
            try await executor.run(.transfers) { ran.withLock { $0 = true } }
        }
        #expect(!ran.withLock { $0 })
        // Another lane is not full.
        #expect(try await executor.run(.storeWalks) { 5 } == 5)
        for _ in 0..<2 { gate.signal() }
        for call in blocked { try await call.value }
        #expect(try await executor.run(.transfers) { 7 } == 7)
        await executor.shutdown()
    }

    @Test func aFullLaneDoesNotDelayAnother() async throws {
        let executor = BlockingExecutor(limits: BlockingLimits(credentials: 2))
        let gate = DispatchSemaphore(value: 0)
        let seen = Concurrency()
        let blocked = (0..<3).map { _ in Task { try await executor.run(.credentials) { seen.enter(); gate.wait(); seen.leave() } } }
        defer { for _ in 0..<3 { gate.signal() } }
        try await Self.until { seen.started == 2 }
        // Credentials is full (and one call waits): files, probes and the catalog lane still run.
        #expect(try await executor.run(.files) { 1 } == 1)
        #expect(try await executor.run(.probes) { 2 } == 2)
        #expect(try await executor.run(.catalog) { 3 } == 3)
        for _ in 0..<3 { gate.signal() }
        for call in blocked { try await call.value }
        await executor.shutdown()
    }

    @Test func shutdownLetsAdmittedWorkFinishThenRefuses() async throws {
        let executor = BlockingExecutor(limits: BlockingLimits(files: 1))
        let gate = DispatchSemaphore(value: 0)
        let seen = Concurrency()
        let running = Task { try await executor.run(.files) { seen.enter(); gate.wait(); seen.leave(); return 1 } }
        try await Self.until { seen.started == 1 }
        let queued = Task { try await executor.run(.files) { seen.enter(); seen.leave(); return 2 } }
        try await Self.until { executor.waiting(.files) == 1 }
        _ = try executor.catalogThreadPool()  // started, so shutdown has threads to stop
        let stopping = Task {
            await executor.shutdown()
            return seen.finished
        }
        // Shutdown has begun once a new call is refused.
        while true {
            do {
                _ = try await executor.run(.probes) { 0 }
                try await Task.sleep(for: .milliseconds(2))
            } catch is BlockingExecutorShutDown {
                break
            }
        }
        gate.signal()
        #expect(try await running.value == 1)
        #expect(try await queued.value == 2)
        #expect(await stopping.value == 2)
        await #expect(throws: BlockingExecutorShutDown(lane: .files)) { try await executor.run(.files) { 0 } }
        #expect(throws: BlockingExecutorShutDown(lane: .catalog)) { try executor.catalogThreadPool() }
        await executor.shutdown()  // a second time is harmless
    }
}
