@testable import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    /// A transaction left idle past `idleInTransactionTimeout` (a frozen node) is ended by the
    /// server: the row lock it held is free for another node while it is still frozen, its own
    /// next statement fails promptly (it used to wait for ever), and it goes on with a new
    /// connection.
    @Test("postgres: the server ends a transaction idle past the timeout; its locks go, its caller fails fast")
    func idleTransactionEnded() async throws {
        guard DatabaseKind.available.contains(.postgres) else { return }
        try await DatabaseKind.postgres.withCatalog { catalog, configuration in
            _ = try await catalog.registerNode(name: "n", address: "https://n", incarnation: "i", solveSlots: 1)
            var frozen = configuration
            frozen.idleInTransactionTimeout = 0.5
            let node = try await Catalog.open(frozen, migrate: false)
            let locked = CallTally()
            let start = Date()
            let stalled = Task {
                try await node.transaction { db in
                    try await db.raw("SELECT name FROM nodes WHERE name = 'n' FOR UPDATE").run()
                    locked.stop()
                    try await Task.sleep(for: .seconds(3))  // frozen, holding the row lock
                    try await db.raw("SELECT 1").run()
                }
            }
            while !locked.stopped { try await Task.sleep(for: .milliseconds(10)) }
            // Another node updates the locked row: it waits for the timeout, not for the thaw.
            #expect(try await catalog.heartbeat(name: "n", incarnation: "i", runningJobs: 1, dataSessions: 0))
            let updated = Date().timeIntervalSince(start)
            #expect(updated < 2.5, "the row was free only after \(updated) s")
            await #expect(throws: CatalogError.self) { try await stalled.value }
            let failed = Date().timeIntervalSince(start)
            #expect(failed < 10, "the frozen transaction's caller waited \(failed) s")
            #expect(try await node.listNodes().map(\.runningJobs) == [1])
            await node.close()
        }
    }
}
