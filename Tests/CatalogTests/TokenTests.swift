import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    @Test("tokens: secret shown once, authenticate, expiry, revocation, disabled user", arguments: DatabaseKind.available)
    func tokens(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let alice = try await Self.user(catalog, "alice")
            let now = Self.t0
            let created = try await catalog.createToken(userId: alice.id, name: "ci upload", scopes: ["packages:write", "apps:read"],
                                                        expiresAt: now.addingTimeInterval(3600), now: now)
            #expect(created.secret.hasPrefix("atr_"))
            #expect(created.secret.count == 4 + 43)
            #expect(!created.secret.contains("=") && !created.secret.contains("+") && !created.secret.contains("/"))

            let auth = try await catalog.authenticate(token: created.secret, now: now.addingTimeInterval(60))
            #expect(auth?.user.id == alice.id)
            #expect(auth?.scopes == ["packages:write", "apps:read"])
            #expect(auth?.tokenId == created.token.id)

            // Wrong, malformed and expired secrets.
            #expect(try await catalog.authenticate(token: created.secret + "x", now: now) == nil)
            #expect(try await catalog.authenticate(token: "not-a-token", now: now) == nil)
            #expect(try await catalog.authenticate(token: created.secret, now: now.addingTimeInterval(3600)) == nil)

            // Listing shows no secret; a disabled user's tokens stop working.
            let listed = try await catalog.listTokens(userId: alice.id)
            #expect(listed == [created.token])
            try await catalog.setDisabled(userId: alice.id, true)
            #expect(try await catalog.authenticate(token: created.secret, now: now) == nil)
            try await catalog.setDisabled(userId: alice.id, false)
            #expect(try await catalog.authenticate(token: created.secret, now: now) != nil)

            // Revocation.
            try await catalog.revokeToken(id: created.token.id, now: now.addingTimeInterval(10))
            try await catalog.revokeToken(id: created.token.id, now: now.addingTimeInterval(20))
            #expect(try await catalog.authenticate(token: created.secret, now: now.addingTimeInterval(30)) == nil)
            #expect(try await catalog.listTokens(userId: alice.id).first?.revokedAt == now.addingTimeInterval(10))
            await expectCatalogError(\.isNotFound) { try await catalog.revokeToken(id: "nope") }

            // A token without expiry; validation.
            let forever = try await catalog.createToken(userId: alice.id, name: "forever", scopes: [], expiresAt: nil, now: now)
            #expect(try await catalog.authenticate(token: forever.secret, now: now.addingTimeInterval(1e9))?.scopes == [])
            #expect(forever.secret != created.secret)
            await expectCatalogError(\.isInvalid) {
                _ = try await catalog.createToken(userId: alice.id, name: "past", scopes: [], expiresAt: now, now: now)
            }
            await expectCatalogError(\.isNotFound) {
                _ = try await catalog.createToken(userId: "nope", name: "x", scopes: [], expiresAt: nil)
            }
            // The secret is in no audit row.
            for entry in try await catalog.auditLog(limit: 1000) {
                #expect(!entry.detail.contains(created.secret) && !entry.detail.contains(forever.secret))
            }
        }
    }
}
