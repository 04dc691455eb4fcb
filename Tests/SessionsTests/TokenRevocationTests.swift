import Catalog
import Foundation
import Logging
import Synchronization
import Testing
@testable import Sessions

/// A session's or job's token is revoked when it ends even if the catalog fails on the way: the
/// revocation is tried again and every failure is logged, never swallowed.
@Suite struct TokenRevocationTests {
    /// Log records kept in memory.
    final class Records: Sendable {
        let entries = Mutex<[(Logger.Level, String)]>([])
        var all: [(Logger.Level, String)] { entries.withLock { $0 } }

        func logger() -> Logger {
            Logger(label: "test") { _ in Handler(records: self) }
        }

        struct Handler: LogHandler {
            let records: Records
            var metadata: Logger.Metadata = [:]
            var logLevel: Logger.Level = .trace
            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }

            func log(event: LogEvent) {
                let text = "\(event.message) \(event.metadata ?? [:])"
                records.entries.withLock { $0.append((event.level, text)) }
            }
        }
    }

    /// A catalog in a temporary directory with alice and a token of hers.
    static func withToken(_ body: (Catalog, CreatedAPIToken) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        let catalog = try await Catalog.open(.sqlite(path: directory.path + "/catalog.sqlite", bcryptCost: 4))
        do {
            let alice = try await catalog.createUser(name: "alice", displayName: "Alice", password: "alice-password", role: .user)
            let token = try await catalog.createToken(userId: alice.id, name: "data session s1", scopes: ["session"], expiresAt: nil)
            try await body(catalog, token)
        } catch {
            await catalog.close()
            throw error
        }
        await catalog.close()
    }

    @Test func aRevocationThatFailsOnceIsTriedAgainAndLogged() async throws {
        try await Self.withToken { catalog, token in
            let records = Records()
            let calls = Mutex(0)
            let revoked = await TokenRevocation.run(token.token.id, of: "data session s1", logger: records.logger(),
                                                    firstDelay: .milliseconds(1)) {
                if calls.withLock({ $0 += 1; return $0 }) == 1 { throw CatalogError.database("connection reset by peer") }
                try await catalog.revokeToken(id: token.token.id, by: .system)
            }
            #expect(revoked)
            #expect(calls.withLock { $0 } == 2)
            let afterwards = try await catalog.authenticate(token: token.secret)
            #expect(afterwards == nil)
            let warnings = records.all.filter { $0.0 == .warning }
            #expect(warnings.count == 1)
            #expect(warnings.first?.1.contains("connection reset by peer") == true)
            #expect(warnings.first?.1.contains(token.token.id) == true)
        }
    }

    @Test func aRevocationThatKeepsFailingGivesUpWithAnError() async throws {
        try await Self.withToken { catalog, token in
            let records = Records()
            let calls = Mutex(0)
            let revoked = await TokenRevocation.run(token.token.id, of: "job j1", logger: records.logger(), firstDelay: .milliseconds(1)) {
                calls.withLock { $0 += 1 }
                throw CatalogError.database("no connection")
            }
            #expect(!revoked)
            #expect(calls.withLock { $0 } == TokenRevocation.attempts)
            #expect(records.all.filter { $0.0 == .warning }.count == TokenRevocation.attempts - 1)
            let errors = records.all.filter { $0.0 == .error }
            #expect(errors.count == 1 && errors.first?.1.contains(token.token.id) == true)
            let afterwards = try await catalog.authenticate(token: token.secret)
            #expect(afterwards != nil)
        }
    }

    @Test func anAnswerOfTheCatalogIsNotRetried() async throws {
        try await Self.withToken { catalog, _ in
            let records = Records()
            let calls = Mutex(0)
            let revoked = await TokenRevocation.run("unknown", of: "job j1", logger: records.logger(), firstDelay: .milliseconds(1)) {
                calls.withLock { $0 += 1 }
                try await catalog.revokeToken(id: "unknown", by: .system)
            }
            #expect(!revoked)
            #expect(calls.withLock { $0 } == 1)
            #expect(records.all.filter { $0.0 == .error }.count == 1)
        }
    }
}
