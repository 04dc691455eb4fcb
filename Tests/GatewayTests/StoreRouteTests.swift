import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The store for admins: `GET /api/v1/store`, `POST /api/v1/store/gc` and the portal's
/// `/admin/store`, on a gateway whose grace period is 0 (every unreachable blob is reclaimable).
@Suite struct StoreRouteTests {
    static func withGateway(_ body: @Sendable (any TestClientProtocol, AtriumApplication) async throws -> Void) async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var configuration = TestGateway.configuration(dir)
        configuration.gcGraceSeconds = 0
        let app = try await buildApplication(configuration)
        try await app.test(.router) { client in try await body(client, app) }
    }

    @Test func anAdminSeesTheSizesCollectsAndEveryVersionStillRestores() async throws {
        try await Self.withGateway { client, app in
            let (alice, _) = try await CaseFixture.setUp(app)
            let admin = try await Caller.logon(client, "admin", TestGateway.adminPassword)
            let versions = (1...4).map { CaseFixture.csv(rows: 20_000, revision: $0) }
            let id = try await CaseFixture.create(client, alice, name: "plan", versions[0])
            for data in versions.dropFirst() {
                let saved = try await CaseFixture.upload(client, alice, "/api/v1/cases/\(id)/versions", data)
                #expect(saved.status == .created, "\(saved.text)")
            }

            let before = try await admin.request(client, .get, "/api/v1/store")
            #expect(before.status == .ok, "\(before.text)")
            let usage = try before.object()
            let bytes = try #require(usage["bytes"] as? Int), reachable = try #require(usage["reachableBytes"] as? Int)
            let reclaimable = try #require(usage["reclaimableBytes"] as? Int)
            // The superseded full frames (and manifests) are unreachable: the head keeps deltas of them.
            #expect(reclaimable > 0 && bytes == reachable + reclaimable)
            #expect(usage["graceSeconds"] as? Int == 0 && usage["lastRun"] == nil)

            let run = try await admin.request(client, .post, "/api/v1/store/gc")
            #expect(run.status == .ok, "\(run.text)")
            let freed = try run.object()
            #expect(freed["deletedBytes"] as? Int == reclaimable)
            #expect(freed["trigger"] as? String == "admin")

            let after = try await admin.request(client, .get, "/api/v1/store").object()
            #expect(after["bytes"] as? Int == reachable && after["reclaimableBytes"] as? Int == 0)
            let last = try #require(after["lastRun"] as? [String: Any])
            #expect(last["deletedBytes"] as? Int == reclaimable && last["trigger"] as? String == "admin")
            for (index, data) in versions.enumerated() {
                let content = try await CaseFixture.download(client, alice, id, index + 1)
                #expect(content.status == .ok && Array(content.body.readableBytesView) == data, "version \(index + 1)")
            }
            let audit = try await app.atrium.catalog.auditLog(target: "store")
            #expect(audit.map(\.action) == ["store.gc"])
        }
    }

    @Test func onlyAdminsMayLookOrCollect() async throws {
        try await Self.withGateway { client, app in
            let (alice, _) = try await CaseFixture.setUp(app)
            #expect(try await alice.request(client, .get, "/api/v1/store").status == .forbidden)
            #expect(try await alice.request(client, .post, "/api/v1/store/gc").status == .forbidden)
            #expect(try await Caller.anonymous.request(client, .get, "/api/v1/store").status == .unauthorized)
            #expect(try await app.atrium.catalog.auditLog(target: "store").isEmpty)

            let user = try await PortalSession.logon(client, "alice", "alice-password")
            #expect(try await user.get(client, "/admin/store").status == .forbidden)
            #expect(try await user.post(client, "/admin/store", [:]).status == .forbidden)
        }
    }

    @Test func thePortalPageShowsTheSizesAndCollectsWithTheCSRFToken() async throws {
        try await Self.withGateway { client, app in
            let (alice, _) = try await CaseFixture.setUp(app)
            let id = try await CaseFixture.create(client, alice, name: "plan", CaseFixture.csv(rows: 20_000, revision: 1))
            let saved = try await CaseFixture.upload(client, alice, "/api/v1/cases/\(id)/versions", CaseFixture.csv(rows: 20_000, revision: 2))
            #expect(saved.status == .created)
            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            let page = try await admin.get(client, "/admin/store")
            #expect(page.status == .ok)
            for part in [#"id="store-size""#, #"id="store-reachable""#, #"id="store-reclaimable""#, "No gc has run yet.",
                         #"<button type="submit" id="collect-store">Collect now</button>"#, #"href="/admin/store""#] {
                #expect(page.text.contains(part), "\(part)")
            }
            #expect(try await admin.post(client, "/admin/store", [:], csrf: .some(nil)).status == .forbidden)
            #expect(try await app.atrium.catalog.auditLog(target: "store").isEmpty)
            let collected = try await admin.post(client, "/admin/store", [:])
            #expect(collected.status == .seeOther && collected.headers[.location] == "/admin/store")
            let shown = try await admin.get(client, "/admin/store")
            #expect(shown.text.contains(#"id="store-last-run""#) && shown.text.contains("(admin): freed"))
            #expect(try await app.atrium.catalog.auditLog(target: "store").map(\.action) == ["store.gc"])
        }
    }
}
