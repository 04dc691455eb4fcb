@testable import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    /// A transaction left idle past `idleInTransactionTimeout` (a frozen node) is ended by the
    /// server: the row lock it held is free for another node while it is still frozen, its own
    /// next statement on the ended session (its ROLLBACK) fails instead of waiting for ever, and
    /// it goes on with a new connection. Ordering is asserted, not timing.
    ///
    /// Whatever happens, the frozen node's catalog is closed and its task ended: a catalog left
    /// open when the test stops (a time limit) trips AsyncKit's deinit assertion and takes the
    /// whole test process down with it. A heartbeat still waiting after 60 s is a failure that
    /// names what the server shows for the frozen session, instead of a hang.
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
            let locked = CallTally(), thawed = CallTally()
            let stalled = Task {
                try await node.transaction { db in
                    try await db.raw("SELECT name FROM nodes WHERE name = 'n' FOR UPDATE").run()
                    locked.stop()
                    try await Task.sleep(for: .seconds(60))  // frozen, holding the row lock
                    thawed.stop()
                    try await db.raw("SELECT 1").run()
                }
            }
            do {
                while !locked.stopped { try await Task.sleep(for: .milliseconds(10)) }
                // Another node updates the locked row: it waits for the server's timeout, not the thaw.
                let beat = try await Self.within(seconds: 60) {
                    try await catalog.heartbeat(name: "n", incarnation: "i", runningJobs: 1, dataSessions: 0)
                }
                if let beat {
                    #expect(beat)
                } else {
                    let shown = try await DatabaseKind.activity(configuration, applicationName: frozen.applicationName)
                    Issue.record("the heartbeat still waited for the row lock after 60 s; the frozen session: \(shown)")
                }
                #expect(!thawed.stopped, "the row was free only after the frozen node thawed")
                // The frozen node wakes (cancelled, to keep the test short): its ROLLBACK on the
                // ended session, which used to wait for ever, fails and the call ends.
                stalled.cancel()
                let woke = Date()
                await #expect(throws: (any Error).self) { try await stalled.value }
                #expect(Date().timeIntervalSince(woke) < 30, "the frozen node's call hung")
                #expect(try await node.listNodes().map(\.runningJobs) == [1])
            } catch {
                stalled.cancel()
                await node.close()
                throw error
            }
            await node.close()
        }
    }

    /// `body`'s result, or nil when it has not finished within `seconds` (it is then cancelled).
    private static func within<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T? {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask { try await Task.sleep(for: .seconds(seconds)); return nil }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }
}
