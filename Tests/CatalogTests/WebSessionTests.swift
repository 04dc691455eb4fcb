import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    @Test("web sessions: secret hashed, expiry, log-off, disabled user, user count", arguments: DatabaseKind.available)
    func webSessions(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            #expect(try await catalog.userCount() == 0)
            let alice = try await Self.user(catalog, "alice")
            #expect(try await catalog.userCount() == 1)
            let now = Self.t0
            let created = try await catalog.createWebSession(userId: alice.id, lifetime: 3600, now: now)
            #expect(created.secret.hasPrefix("ats_"))
            #expect(created.session.csrf.count == 43)
            #expect(created.session.csrf != created.secret)

            let found = try await catalog.webSession(secret: created.secret, now: now.addingTimeInterval(10))
            #expect(found?.user.id == alice.id)
            #expect(found?.csrf == created.session.csrf)
            #expect(try await catalog.webSession(secret: created.secret + "x", now: now) == nil)
            #expect(try await catalog.webSession(secret: "atr_" + created.secret.dropFirst(4), now: now) == nil)
            #expect(try await catalog.webSession(secret: created.secret, now: now.addingTimeInterval(3600)) == nil)

            try await catalog.setDisabled(userId: alice.id, true)
            #expect(try await catalog.webSession(secret: created.secret, now: now) == nil)
            try await catalog.setDisabled(userId: alice.id, false)

            try await catalog.endWebSession(secret: created.secret, now: now)
            try await catalog.endWebSession(secret: created.secret, now: now)
            #expect(try await catalog.webSession(secret: created.secret, now: now) == nil)

            let second = try await catalog.createWebSession(userId: alice.id, lifetime: 60, now: now)
            try await catalog.endWebSessions(userId: alice.id)
            #expect(try await catalog.webSession(secret: second.secret, now: now) == nil)
            await expectCatalogError(\.isInvalid) { _ = try await catalog.createWebSession(userId: alice.id, lifetime: 0) }
            await expectCatalogError(\.isNotFound) { _ = try await catalog.createWebSession(userId: "nobody", lifetime: 60) }
            let actions = try await catalog.auditLog(limit: 100).map(\.action)
            #expect(actions.contains("session.logon") && actions.contains("session.logoff"))
        }
    }
}
