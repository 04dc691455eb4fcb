import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    @Test("data sessions: starting → ready → ended, ending returns the seat, idempotent", arguments: DatabaseKind.available)
    func dataSessionLifecycle(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let seat = try await catalog.takeSeat(kind: .data, holder: "sess-1", userId: "alice", app: "transport", node: "node-a",
                                                  limits: SeatLimits(dataSessions: 1), leaseUntil: Self.t0 + 60, now: Self.t0)
            let created = try await catalog.createDataSession(id: "sess-1", userId: "alice", app: "transport", appVersion: "1.0",
                                                              runtime: "mathprog@1.0.0", node: "node-a", seatId: seat.id, now: Self.t0)
            #expect(created.state == .starting && created.address == nil)
            #expect(try await catalog.dataSession(id: "sess-1") == created)
            await expectCatalogError(\.isConflict) {
                _ = try await catalog.createDataSession(id: "sess-1", userId: "alice", app: "transport", appVersion: "1.0",
                                                        runtime: "mathprog@1.0.0", node: "node-a", seatId: seat.id, now: Self.t0)
            }
            try await catalog.markDataSessionReady(id: "sess-1", address: "127.0.0.1:4100", tokenId: "tok-1", now: Self.t0 + 2)
            let ready = try #require(try await catalog.dataSession(id: "sess-1"))
            #expect(ready.state == .ready && ready.address == "127.0.0.1:4100" && ready.tokenId == "tok-1" && ready.readyAt == Self.t0 + 2)
            await expectCatalogError(\.isConflict) {
                try await catalog.markDataSessionReady(id: "sess-1", address: "x", tokenId: nil, now: Self.t0 + 3)
            }
            await expectCatalogError(\.isNotFound) {
                try await catalog.markDataSessionReady(id: "nope", address: "x", tokenId: nil, now: Self.t0 + 3)
            }
            #expect(try await catalog.listDataSessions(userId: "alice", activeOnly: true, limit: 10).map(\.id) == ["sess-1"])
            #expect(try await catalog.activeDataSessions(node: "node-a").map(\.id) == ["sess-1"])
            #expect(try await catalog.markDataSessionStopping(id: "sess-1"))

            let ended = try #require(try await catalog.endDataSession(id: "sess-1", reason: "idle", logDigest: "d1", now: Self.t0 + 30))
            #expect(ended.state == .ended && ended.endReason == "idle" && ended.endedAt == Self.t0 + 30 && ended.logDigest == "d1")
            #expect(try await catalog.seat(id: seat.id)?.returnReason == "idle")
            #expect(try await catalog.heldSeats(now: Self.t0 + 31).isEmpty)
            // Again: unchanged.
            #expect(try await catalog.endDataSession(id: "sess-1", reason: "other", logDigest: nil, now: Self.t0 + 40) == ended)
            #expect(try await catalog.endDataSession(id: "nope", reason: "x", logDigest: nil) == nil)
            #expect(try await catalog.markDataSessionStopping(id: "sess-1") == false)
            #expect(try await catalog.listDataSessions(userId: "alice", activeOnly: true, limit: 10).isEmpty)
            #expect(try await catalog.listDataSessions(userId: nil, activeOnly: false, limit: 10).map(\.id) == ["sess-1"])
            #expect(try await catalog.auditLog(limit: 10, target: "session:sess-1").map(\.action) == ["session.end", "session.create"])
        }
    }

    @Test("licenses: install, the newest installed is active, same id with other contents is refused",
          arguments: DatabaseKind.available)
    func licenses(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            #expect(try await catalog.activeLicense() == nil)
            func install(_ id: String, _ envelope: String, data: Int?, apps: [String]?, at now: Date) async throws -> LicenseRecord {
                try await catalog.installLicense(id: id, licensee: "Acme", keyId: "key-1", envelopeJSON: envelope,
                                                 limits: SeatLimits(dataSessions: data, optimizationSessions: 2, namedUsers: 25),
                                                 apps: apps, issuedAt: Self.t0 - 86400, expiresAt: Self.t0 + 86400 * 365,
                                                 by: .user("admin"), now: now)
            }
            let first = try await install("lic-1", "{\"a\":1}", data: 10, apps: ["transport"], at: Self.t0)
            #expect(first.limits == SeatLimits(dataSessions: 10, optimizationSessions: 2, namedUsers: 25))
            #expect(first.apps == ["transport"] && first.covers(app: "transport") && !first.covers(app: "blend"))
            #expect(try await catalog.activeLicense() == first)
            let second = try await install("lic-2", "{\"a\":2}", data: nil, apps: nil, at: Self.t0 + 10)
            #expect(try await catalog.activeLicense() == second)
            #expect(second.limits.dataSessions == nil && second.apps == nil)
            // Re-installing the first makes it active again; other contents under its id are refused.
            _ = try await install("lic-1", "{\"a\":1}", data: 10, apps: ["transport"], at: Self.t0 + 20)
            #expect(try await catalog.activeLicense()?.id == "lic-1")
            await expectCatalogError(\.isConflict) { _ = try await install("lic-1", "{\"a\":3}", data: 10, apps: nil, at: Self.t0 + 30) }
            #expect(try await catalog.listLicenses().map(\.id) == ["lic-1", "lic-2"])
            #expect(try await catalog.auditLog(limit: 10, actor: "admin").filter { $0.action == "license.install" }.count == 3)
        }
    }

    @Test("migration 3 applies on an existing migration-2 database", arguments: DatabaseKind.available)
    func migrationThreeOnTwo(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog(migrated: false) { catalog, _ in
            #expect(try await catalog.migrate(upTo: 2) == 2)
            let user = try await Self.user(catalog, "alice")
            #expect(try await catalog.migrate(upTo: 3) == 3)
            #expect(try await catalog.appliedMigrations().map(\.name).last == "sessions, jobs and licensing")
            #expect(try await catalog.migrate(upTo: 3) == 3)
            // The repositories read today's schema: the rest of the way, then the old data works.
            #expect(try await catalog.migrate() == CatalogMigration.all.count)
            #expect(try await catalog.user(id: user.id) == user)
            _ = try await catalog.takeSeat(kind: .data, holder: "s", userId: user.id, app: "transport", node: "n",
                                           limits: SeatLimits(dataSessions: 1), leaseUntil: Self.t0 + 60, now: Self.t0)
            _ = try await Self.submit(catalog, user: user.id)
        }
    }
}
