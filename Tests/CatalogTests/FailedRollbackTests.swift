import Foundation
import SQLKit
import Testing
@testable import Catalog

/// A connection whose ROLLBACK failed may still be inside a transaction: the pool closes it
/// rather than hand it out again, and the next transaction gets a fresh connection.
@Suite struct FailedRollbackTests {
    struct Abandon: Error {}

    @Test func aConnectionWhoseRollbackFailedIsNotPooledAgain() async throws {
        try await DatabaseKind.sqlite.withCatalog { catalog, _ in
            // A TEMP table lives only as long as its connection: it tells the connections apart.
            try await catalog.transaction { db in try await db.raw("CREATE TEMP TABLE connection_marker (x INTEGER)").run() }
            try await catalog.transaction { db in _ = try await db.raw("SELECT x FROM temp.connection_marker").all() }
            // The body ends the transaction itself and throws: the pool's ROLLBACK then fails.
            await #expect(throws: (any Error).self) {
                try await catalog.transaction { db in
                    try await db.raw("COMMIT").run()
                    throw Abandon()
                }
            }
            // A fresh writer connection: the marker went with the closed one; writes work.
            await #expect(throws: (any Error).self) {
                try await catalog.transaction { db in _ = try await db.raw("SELECT x FROM temp.connection_marker").all() }
            }
            let user = try await catalog.createUser(name: "after", displayName: "After", password: "long enough 1", role: .user)
            #expect(try await catalog.user(id: user.id)?.name == "after")
        }
    }
}
