@testable import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    /// A transaction left idle past `idleInTransactionTimeout` (a frozen node) is ended by the
    /// server: the row lock it held is free for another node while it is still frozen, its own
    /// next statement on the ended session (its ROLLBACK) fails instead of waiting for ever, and
    /// it goes on with a new connection. Ordering is asserted, not timing.
    @Test("postgres: the server ends a transaction idle past the timeout; its locks go, its caller fails fast",
          .timeLimit(.minutes(2)))
    func idleTransactionEnded() async throws {
        guard DatabaseKind.available.contains(.postgres) else { return }
        try await DatabaseKind.postgres.withCatalog { catalog, configuration in
            _ = try await catalog.registerNode(name: "n", address: "https://n", incarnation: "i", solveSlots: 1)
            var frozen = configuration
            frozen.idleInTransactionTimeout = 0.5
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
            while !locked.stopped { try await Task.sleep(for: .milliseconds(10)) }
            // Another node updates the locked row: it waits for the server's timeout, not the thaw.
            #expect(try await catalog.heartbeat(name: "n", incarnation: "i", runningJobs: 1, dataSessions: 0))
            #expect(!thawed.stopped, "the row was free only after the frozen node thawed")
            // The frozen node wakes (cancelled, to keep the test short): its ROLLBACK on the ended
            // session, which used to wait for ever, fails and the call ends.
            stalled.cancel()
            let woke = Date()
            await #expect(throws: (any Error).self) { try await stalled.value }
            #expect(Date().timeIntervalSince(woke) < 30, "the frozen node's call hung")
            #expect(try await node.listNodes().map(\.runningJobs) == [1])
            await node.close()
        }
    }
}
