@testable import Catalog
import Foundation
import Testing

/// What a new password does to a user's tokens, and what checking a password for an unknown
/// name costs (issue 16), on every database in `DatabaseKind.available`.
@Suite struct PasswordCredentialTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a new password revokes the user's live API tokens but those kept, and counts them in the audit",
          arguments: DatabaseKind.available)
    func newPasswordRevokesTokens(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let alice = try await catalog.createUser(name: "alice", displayName: "Alice", password: "password-alice", role: .user)
            let bob = try await catalog.createUser(name: "bob", displayName: "Bob", password: "password-bob", role: .user)
            let now = Self.t0
            let keep = try await catalog.createToken(userId: alice.id, name: "ci", scopes: ["read"], expiresAt: nil, now: now)
            let drop = try await catalog.createToken(userId: alice.id, name: "laptop", scopes: ["read"], expiresAt: nil, now: now)
            let expired = try await catalog.createToken(userId: alice.id, name: "old", scopes: ["read"],
                                                        expiresAt: now.addingTimeInterval(60), now: now)
            let session = try await catalog.createSessionToken(userId: alice.id, session: "s1", caseId: nil, expiresAt: nil, now: now)
            let bobs = try await catalog.createToken(userId: bob.id, name: "bob's", scopes: ["read"], expiresAt: nil, now: now)

            let later = now.addingTimeInterval(3600)
            let revoked = try await catalog.setPassword(userId: alice.id, password: "password-alice-2", keepingTokens: [keep.token.id],
                                                        by: .user(alice.id), now: later)
            #expect(revoked == 1)
            #expect(try await catalog.authenticate(token: drop.secret, now: later) == nil)
            #expect(try await catalog.authenticate(token: keep.secret, now: later)?.tokenId == keep.token.id)
            #expect(try await catalog.authenticate(token: bobs.secret, now: later)?.tokenId == bobs.token.id)
            let listed = Dictionary(uniqueKeysWithValues: try await catalog.listTokens(userId: alice.id).map { ($0.id, $0) })
            #expect(listed[drop.token.id]?.revokedAt == later)
            #expect(listed[keep.token.id]?.revokedAt == nil)
            #expect(listed[expired.token.id]?.revokedAt == nil, "an expired token is not counted")
            #expect(listed[session.token.id]?.revokedAt == nil, "a data session's token ends with its session")

            let entry = try #require(try await catalog.auditLog(target: "user:\(alice.id)").first { $0.action == "user.password" })
            let detail = try #require(JSONSerialization.jsonObject(with: Data(entry.detail.utf8)) as? [String: String])
            #expect(detail["tokensRevoked"] == "1")
            #expect(detail["tokensKept"] == "1")
            #expect(entry.actor == alice.id)
            #expect(try await catalog.verifyPassword(name: "alice", password: "password-alice-2")?.id == alice.id)

            // Without tokens to keep, every live one goes.
            #expect(try await catalog.setPassword(userId: alice.id, password: "password-alice-3", now: later) == 1)
            #expect(try await catalog.authenticate(token: keep.secret, now: later) == nil)
        }
    }

    /// An unknown name is checked against a bcrypt hash of the configured cost (as real ones
    /// are hashed), so it costs the same. Timing is measured and printed, not asserted.
    @Test("an unknown name costs a bcrypt check at the configured cost")
    func unknownNamesCostTheSame() async throws {
        try await DatabaseKind.sqlite.withCatalog { catalog, configuration in
            let cost = String(format: "$2b$%02d$", configuration.bcryptCost)
            _ = try await catalog.createUser(name: "alice", displayName: "Alice", password: "password-alice", role: .user)
            let real = try await catalog.read { db in
                try await db.raw("SELECT password_hash FROM users WHERE name = 'alice'").first()?.string("password_hash")
            }
            #expect(real?.hasPrefix(cost) == true, "\(real ?? "none")")
            let fallback = try await catalog.unknownNameHash()
            #expect(fallback.hasPrefix(cost), "\(fallback)")

            let clock = ContinuousClock()
            var known = Duration.zero, unknown = Duration.zero
            _ = try await catalog.verifyPassword(name: "nobody", password: "warm-up-only")
            for _ in 0..<200 {
                let start = clock.now
                _ = try await catalog.verifyPassword(name: "alice", password: "wrong-password")
                known += clock.now - start
                let middle = clock.now
                _ = try await catalog.verifyPassword(name: "nobody", password: "wrong-password")
                unknown += clock.now - middle
            }
            let ratio = (unknown / 200) / (known / 200)
            print("log-on check, cost \(configuration.bcryptCost), 200 tries each: known \(known / 200), unknown \(unknown / 200), unknown/known \(String(format: "%.2f", ratio))")
        }
    }
}
