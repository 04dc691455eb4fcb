import Foundation
import SQLKit
import Testing
@testable import Catalog

/// A ROLLBACK that finds no transaction (the body, or SQLite itself, already ended it) leaves a
/// clean connection: it goes back to the pool, and the transaction's own error reaches the caller.
/// (A ROLLBACK that fails inside a transaction closes the connection instead: PostgreSQL's
/// `IdleTransactionTests.idleTransactionEnded`.)
@Suite struct FailedRollbackTests {
    struct Abandon: Error {}

    @Test func aRollbackThatFindsNoTransactionKeepsTheConnection() async throws {
        try await DatabaseKind.sqlite.withCatalog { catalog, _ in
            // A TEMP table lives only as long as its connection: it tells the connections apart.
            try await catalog.transaction { db in try await db.raw("CREATE TEMP TABLE connection_marker (x INTEGER)").run() }
            // The body ends the transaction itself and throws: the pool's ROLLBACK finds none.
            await #expect(throws: (any Error).self) {
                try await catalog.transaction { db in
                    try await db.raw("COMMIT").run()
                    throw Abandon()
                }
            }
            // The same writer connection, outside any transaction: the marker is there, writes work.
            try await catalog.transaction { db in _ = try await db.raw("SELECT x FROM temp.connection_marker").all() }
            let user = try await catalog.createUser(name: "after", displayName: "After", password: "long enough 1", role: .user)
            #expect(try await catalog.user(id: user.id)?.name == "after")
        }
    }
}
