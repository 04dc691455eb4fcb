import Foundation
import SQLKit
import Testing
@testable import Catalog

/// The SQLite writer connection handed back inside a transaction (a failed COMMIT whose
/// ROLLBACK failed too, seen at shutdown as "cannot start a transaction within a transaction")
/// does not make every later write fail: the next transaction rolls the abandoned one back.
@Suite struct AbandonedTransactionTests {
    @Test func aWriteAfterAnAbandonedTransactionSucceedsAndTheAbandonedWorkIsGone() async throws {
        try await DatabaseKind.sqlite.withCatalog { catalog, _ in
            try await catalog.pool.withConnection { db in
                try await db.raw("BEGIN IMMEDIATE").run()
                try await db.raw("UPDATE users SET display_name = 'half-done'").run()
                // No COMMIT or ROLLBACK: the connection goes back to the pool inside the transaction.
            }
            let user = try await catalog.createUser(name: "after", displayName: "After", password: "long enough 1", role: .user)
            #expect(try await catalog.user(id: user.id)?.name == "after")
            let names = try await catalog.read { db in
                try await db.raw("SELECT display_name FROM users").all().map { try $0.decode(column: "display_name", as: String.self) }
            }
            #expect(!names.contains("half-done"))
        }
    }
}
