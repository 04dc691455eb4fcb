import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    @Test("session passes: one-time tickets, bound to one session, living as long as the portal log-on", arguments: DatabaseKind.available)
    func sessionPasses(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let alice = try await Self.user(catalog, "alice")
            let now = Self.t0
            let logon = try await catalog.createWebSession(userId: alice.id, lifetime: 3600, now: now)

            // A ticket works once, for its session only.
            let ticket = try #require(try await catalog.createSessionTicket(webSessionSecret: logon.secret, sessionId: "s1", now: now))
            #expect(ticket.hasPrefix("atk_"))
            #expect(try await catalog.redeemSessionTicket(ticket, sessionId: "s2", now: now) == nil)
            // ...and a refused try uses it up too (no guessing which session it was for).
            #expect(try await catalog.redeemSessionTicket(ticket, sessionId: "s1", now: now) == nil)
            let good = try #require(try await catalog.createSessionTicket(webSessionSecret: logon.secret, sessionId: "s1", now: now))
            let (pass, user) = try #require(try await catalog.redeemSessionTicket(good, sessionId: "s1", now: now.addingTimeInterval(5)))
            #expect(user.id == alice.id)
            #expect(pass.hasPrefix("atp_"))
            #expect(try await catalog.redeemSessionTicket(good, sessionId: "s1", now: now) == nil)

            // The pass is the session's only: not another session's, not a ticket, not a log-on.
            #expect(try await catalog.sessionPassUser(pass, sessionId: "s1", now: now)?.id == alice.id)
            #expect(try await catalog.sessionPassUser(pass, sessionId: "s2", now: now) == nil)
            #expect(try await catalog.sessionPassUser(good, sessionId: "s1", now: now) == nil)
            #expect(try await catalog.sessionPassUser(logon.secret, sessionId: "s1", now: now) == nil)
            #expect(try await catalog.webSession(secret: pass, now: now) == nil)
            #expect(try await catalog.redeemSessionTicket(pass, sessionId: "s1", now: now) == nil)

            // A ticket expires after its lifetime; a pass with the log-on.
            let late = try #require(try await catalog.createSessionTicket(webSessionSecret: logon.secret, sessionId: "s1", lifetime: 60, now: now))
            #expect(try await catalog.redeemSessionTicket(late, sessionId: "s1", now: now.addingTimeInterval(61)) == nil)
            #expect(try await catalog.sessionPassUser(pass, sessionId: "s1", now: now.addingTimeInterval(3599)) != nil)
            #expect(try await catalog.sessionPassUser(pass, sessionId: "s1", now: now.addingTimeInterval(3600)) == nil)

            // A disabled user's pass stops; enabling brings it back while the log-on lasts.
            try await catalog.setDisabled(userId: alice.id, true)
            #expect(try await catalog.sessionPassUser(pass, sessionId: "s1", now: now) == nil)
            let whileDisabled = try #require(try await catalog.createSessionTicket(webSessionSecret: logon.secret, sessionId: "s1", now: now))
            #expect(try await catalog.redeemSessionTicket(whileDisabled, sessionId: "s1", now: now) == nil)
            try await catalog.setDisabled(userId: alice.id, false)
            #expect(try await catalog.sessionPassUser(pass, sessionId: "s1", now: now) != nil)

            // Logging off ends every pass the log-on made, and no ticket is made for it after.
            let pending = try #require(try await catalog.createSessionTicket(webSessionSecret: logon.secret, sessionId: "s3", now: now))
            try await catalog.endWebSession(secret: logon.secret, now: now)
            #expect(try await catalog.sessionPassUser(pass, sessionId: "s1", now: now) == nil)
            #expect(try await catalog.redeemSessionTicket(pending, sessionId: "s3", now: now) == nil)
            #expect(try await catalog.createSessionTicket(webSessionSecret: logon.secret, sessionId: "s1", now: now) == nil)

            // Ending all of a user's log-ons (password change, disabling) ends their passes too.
            let second = try await catalog.createWebSession(userId: alice.id, lifetime: 3600, now: now)
            let ticket2 = try #require(try await catalog.createSessionTicket(webSessionSecret: second.secret, sessionId: "s1", now: now))
            let pass2 = try #require(try await catalog.redeemSessionTicket(ticket2, sessionId: "s1", now: now)).pass
            try await catalog.endWebSessions(userId: alice.id)
            #expect(try await catalog.sessionPassUser(pass2, sessionId: "s1", now: now) == nil)
            await expectCatalogError(\.isInvalid) {
                _ = try await catalog.createSessionTicket(webSessionSecret: second.secret, sessionId: "s1", lifetime: 0)
            }
        }
    }
}
