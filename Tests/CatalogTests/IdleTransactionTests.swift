@testable import Catalog
import Foundation
import Synchronization
import Testing

extension CatalogRepositoryTests {
    /// A transaction left idle past `idleInTransactionTimeout` (a frozen node) is ended by the
    /// server: the row lock it held is free for another node while it is still frozen, its own
    /// next statement on the ended session (its ROLLBACK) fails instead of waiting for ever, and
    /// it goes on with a new connection. Ordering is asserted, not timing.
    ///
    /// Whatever happens, the frozen node's catalog is closed and its task ended: a catalog left
    /// open when the test stops (a time limit) trips AsyncKit's deinit assertion and takes the
    /// whole test process down with it. Each wait is bounded (the heartbeat 60 s, the frozen
    /// call's end, its next call and the close 30 s each): one that runs out is a failure that
    /// names the step and what the server shows for the frozen node, instead of a time limit.
    @Test("postgres: the server ends a transaction idle past the timeout; its locks go, its caller fails fast",
          .timeLimit(.minutes(3)))
    func idleTransactionEnded() async throws {
        guard DatabaseKind.available.contains(.postgres) else { return }
        try await DatabaseKind.postgres.withCatalog { catalog, configuration in
            _ = try await catalog.registerNode(name: "n", address: "https://n", incarnation: "i", solveSlots: 1)
            var frozen = configuration
            frozen.idleInTransactionTimeout = 0.5
            frozen.applicationName = "atrium-frozen-" + UUID().uuidString.prefix(8).lowercased()
            let node = try await Catalog.open(frozen, migrate: false)
            let locked = CallTally(), thawed = CallTally(), finished = CallTally()
            let stalled = Task {
                defer { finished.stop() }
                try await node.transaction { db in
                    try await db.raw("SELECT name FROM nodes WHERE name = 'n' FOR UPDATE").run()
                    locked.stop()
                    try await Task.sleep(for: .seconds(60))  // frozen, holding the row lock
                    thawed.stop()
                    try await db.raw("SELECT 1").run()
                }
            }
            do {
                // The frozen node takes the row lock; a failure to (its connection, its BEGIN)
                // is thrown here, not waited on.
                let lockedBy = ContinuousClock.now + .seconds(60)
                while !locked.stopped {
                    if finished.stopped {
                        _ = try await stalled.value
                        Issue.record("the frozen node's transaction ended before it held the lock")
                        await Self.close(node)
                        return
                    }
                    if ContinuousClock.now > lockedBy {
                        Issue.record("the frozen node did not hold the row lock within 60 s; \(try await Self.shown(configuration, frozen))")
                        stalled.cancel()
                        await Self.close(node)
                        return
                    }
                    try await Task.sleep(for: .milliseconds(10))
                }
                // Another node updates the locked row: it waits for the server's timeout, not the thaw.
                let beat = try await Self.within(seconds: 60) {
                    try await catalog.heartbeat(name: "n", incarnation: "i", runningJobs: 1, dataSessions: 0)
                }
                if let beat {
                    #expect(beat)
                } else {
                    Issue.record("the heartbeat still waited for the row lock after 60 s; \(try await Self.shown(configuration, frozen))")
                }
                #expect(!thawed.stopped, "the row was free only after the frozen node thawed")
                // The frozen node wakes (cancelled, to keep the test short): its ROLLBACK on the
                // ended session, which used to wait for ever, fails and the call ends.
                stalled.cancel()
                let ended = try await Self.within(seconds: 30) { await stalled.result }
                if let ended {
                    #expect(throws: (any Error).self) { try ended.get() }
                } else {
                    Issue.record("the frozen node's call hung after it was cancelled; \(try await Self.shown(configuration, frozen))")
                }
                let nodes = try await Self.within(seconds: 30) { try await node.listNodes().map(\.runningJobs) }
                #expect(nodes == [1], "the frozen node's next call, on a new connection")
            } catch {
                stalled.cancel()
                await Self.close(node)
                throw error
            }
            await Self.close(node)
        }
    }

    /// What the server shows for the frozen node's connections, for a failure's message.
    private static func shown(_ configuration: CatalogConfiguration, _ frozen: CatalogConfiguration) async throws -> String {
        let shown = try await within(seconds: 10) {
            try await DatabaseKind.activity(configuration, applicationName: frozen.applicationName)
        }
        return "the frozen node's connections: " + (shown ?? "pg_stat_activity did not answer in 10 s")
    }

    /// Closes the frozen node's catalog, or records that it did not close within 30 s.
    private static func close(_ node: Catalog) async {
        let closed = try? await within(seconds: 30) { await node.close(); return true }
        if closed == nil { Issue.record("the frozen node's catalog did not close within 30 s") }
    }

    /// `body`'s result, or nil when it has not finished within `seconds`. A late `body` is
    /// cancelled and left behind, not awaited: a call that ignores cancellation (a statement
    /// waiting on the server) would otherwise hold the test until its time limit, with nothing
    /// said about where.
    private static func within<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T? {
        let work = Task { try await body() }
        let waiting = Waiting<T>()
        return try await withCheckedThrowingContinuation { continuation in
            waiting.slot.withLock { $0 = continuation }
            Task {
                let result = await work.result
                waiting.slot.withLock { $0.take() }?.resume(with: result.map { Optional($0) })
            }
            Task {
                try? await Task.sleep(for: .seconds(seconds))
                guard let late = waiting.slot.withLock({ $0.take() }) else { return }
                work.cancel()
                late.resume(returning: nil)
            }
        }
    }

    /// The caller of ``within(seconds:_:)``, resumed once: by the result or by the deadline.
    private final class Waiting<T: Sendable>: Sendable {
        let slot = Mutex<CheckedContinuation<T?, any Error>?>(nil)
    }
}
