import Catalog
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Quotas through the API: admins set them per user or group (others get 403), everyone reads
/// their own use; past a count 429, past a size 413, each naming the quota, its value and the use.
@Suite struct QuotaRouteTests {
    static func put(_ client: any TestClientProtocol, _ caller: Caller, _ path: String, _ body: [String: Any]) async throws -> TestResponse {
        try await caller.request(client, .put, path, json: body)
    }

    /// `GET /api/v1/me/quotas`'s entry for `kind`.
    static func mine(_ client: any TestClientProtocol, _ caller: Caller, _ kind: String) async throws -> [String: Any] {
        let response = try await caller.request(client, .get, "/api/v1/me/quotas")
        #expect(response.status == .ok, "\(response.text)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [[String: Any]])
        return try #require(items.first { $0["kind"] as? String == kind })
    }

    @Test func onlyAdminsSetQuotasAndAGroupLimitAppliesUntilTheUsersOwnOverridesIt() async throws {
        try await TestGateway.with { client, app in
            let world = try await BoundTokenTests.world(client, app)
            let admin = try await Caller.token(app, user: "admin", scopes: ["read", "write", "admin"])
            // The server's default to begin with.
            var jobs = try await Self.mine(client, world.aliceCaller, "jobs")
            #expect(jobs["limit"] as? Int == 1000 && jobs["source"] as? String == "default" && jobs["used"] as? Int == 0)
            #expect(try await Self.mine(client, world.aliceCaller, "storageBytes")["used"] as? Int ?? 0 > 0)

            let refused = try await Self.put(client, world.aliceCaller, "/api/v1/users/alice/quotas/jobs", ["limit": 1_000_000])
            #expect(refused.status == .forbidden, "\(refused.text)")
            #expect(try await world.aliceCaller.request(client, .delete, "/api/v1/users/alice/quotas/jobs").status == .forbidden)
            #expect(try await world.aliceCaller.request(client, .get, "/api/v1/users/bob/quotas").status == .forbidden)

            #expect(try await admin.request(client, .post, "/api/v1/groups", json: ["name": "planners"]).status == .created)
            #expect(try await admin.request(client, .put, "/api/v1/groups/planners/members/alice").status == .noContent)
            #expect(try await Self.put(client, admin, "/api/v1/groups/planners/quotas/jobs", ["limit": 1]).status == .noContent)
            jobs = try await Self.mine(client, world.aliceCaller, "jobs")
            #expect(jobs["limit"] as? Int == 1 && jobs["source"] as? String == "group" && jobs["group"] as? String == "planners")
            #expect(try await BoundTokenTests.submit(client, world.aliceCaller, world.opened).status == .created)
            let past = try await BoundTokenTests.submit(client, world.aliceCaller, world.opened)
            #expect(past.status == .tooManyRequests, "\(past.text)")
            #expect(past.headers[HTTPField.Name("Retry-After")!] == "30")
            #expect(try past.object()["detail"] as? String == "You have 1 job queued or running; your limit is 1 (quota 'jobs').")
            // Bob is no member: the default applies to him.
            #expect(try await BoundTokenTests.submit(client, world.bobCaller, world.theirs).status == .created)

            // The user's own limit overrides the group's; cleared, the group's applies again.
            #expect(try await Self.put(client, admin, "/api/v1/users/alice/quotas/jobs", ["limit": 2]).status == .noContent)
            #expect(try await BoundTokenTests.submit(client, world.aliceCaller, world.opened).status == .created)
            #expect(try await BoundTokenTests.submit(client, world.aliceCaller, world.opened).status == .tooManyRequests)
            let listed = try await admin.request(client, .get, "/api/v1/users/alice/quotas")
            #expect(listed.text.contains(#""kind":"jobs""#) && listed.text.contains(#""source":"user""#), "\(listed.text)")
            #expect(try await admin.request(client, .delete, "/api/v1/users/alice/quotas/jobs").status == .noContent)
            #expect(try await Self.mine(client, world.aliceCaller, "jobs")["source"] as? String == "group")
            #expect(try await Self.put(client, admin, "/api/v1/groups/planners/quotas/jobs", ["unlimited": true]).status == .noContent)
            jobs = try await Self.mine(client, world.aliceCaller, "jobs")
            #expect(jobs["limit"] is NSNull && jobs["used"] as? Int == 2, "\(jobs)")
            let groupQuotas = try await admin.request(client, .get, "/api/v1/groups/planners/quotas")
            #expect(groupQuotas.text == #"[{"kind":"jobs","limit":null}]"#, "\(groupQuotas.text)")
            // Malformed changes.
            #expect(try await Self.put(client, admin, "/api/v1/users/alice/quotas/jobs", ["limit": -1]).status == .badRequest)
            #expect(try await Self.put(client, admin, "/api/v1/users/alice/quotas/jobs", [:]).status == .badRequest)
            #expect(try await Self.put(client, admin, "/api/v1/users/alice/quotas/parking", ["limit": 1]).status == .badRequest)
        }
    }

    /// alice may have 3 jobs and has 2: 8 submits at once get one 201 and seven 429s.
    static func raceForTheLastJob(_ client: any TestClientProtocol, _ app: AtriumApplication) async throws {
        let world = try await BoundTokenTests.world(client, app)
        try await app.atrium.catalog.setQuota(.user(world.alice.id), kind: .jobs, limit: 3, by: .system)
        for _ in 0..<2 { #expect(try await BoundTokenTests.submit(client, world.aliceCaller, world.opened).status == .created) }
        let statuses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String).self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let response = try await BoundTokenTests.submit(client, world.aliceCaller, world.opened)
                    return (response.status, response.text)
                }
            }
            return try await group.reduce(into: [(HTTPResponse.Status, String)]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0.0 == .created }.count == 1)
        let refused = statuses.filter { $0.0 == .tooManyRequests }
        #expect(refused.count == 7)
        #expect(refused.allSatisfy { $0.1.contains("You have 3 jobs queued or running; your limit is 3 (quota 'jobs').") })
        #expect(try await app.atrium.catalog.listJobs(userId: world.alice.id, state: nil, limit: 20).count == 3)
    }

    @Test func eightConcurrentSubmitsForTheLastJobGetOne201AndSeven429s() async throws {
        try await TestGateway.with { client, app in try await Self.raceForTheLastJob(client, app) }
    }

    @Test(.enabled(if: PostgresGatewayTests.url != nil || PostgresGatewayTests.required, "no PostgreSQL: scripts/test starts one"))
    func eightConcurrentSubmitsForTheLastJobOnPostgres() async throws {
        try await PostgresGatewayTests.withFreshDatabase(prefix: "atrium_q_") { configuration in
            let app = try await buildApplication(configuration)
            try await app.test(.router) { client in try await Self.raceForTheLastJob(client, app) }
        }
    }

    /// The kinds counted outside the catalog (transfers, WebSockets, frame size) show with their
    /// defaults (transfersPerUser, 16, the proxy's maxFrameSize) and are set like the others.
    @Test func theTransferAndWebSocketQuotasShowAndAreSetLikeTheOthers() async throws {
        try await TestGateway.with { client, app in
            let world = try await BoundTokenTests.world(client, app)
            let transfers = try await Self.mine(client, world.aliceCaller, "transfers")
            #expect(transfers["limit"] as? Int == 8 && transfers["unit"] as? String == "count" && transfers["source"] as? String == "default")
            let sockets = try await Self.mine(client, world.aliceCaller, "webSockets")
            #expect(sockets["limit"] as? Int == 16 && sockets["used"] as? Int == 0, "\(sockets)")
            let frame = try await Self.mine(client, world.aliceCaller, "frameBytes")
            #expect(frame["limit"] as? Int == 16 << 20 && frame["unit"] as? String == "bytes", "\(frame)")
            let admin = try await Caller.token(app, user: "admin", scopes: ["read", "write", "admin"])
            #expect(try await Self.put(client, admin, "/api/v1/users/alice/quotas/webSockets", ["limit": 3]).status == .noContent)
            #expect(try await Self.mine(client, world.aliceCaller, "webSockets")["limit"] as? Int == 3)
            let alice = try await PortalSession.logon(client, "alice", "alice-password")
            let page = try await alice.get(client, "/quotas")
            #expect(page.text.contains(#"<tr id="quota-webSockets"><td><code>webSockets</code></td><td>WebSockets open at once</td><td>0</td><td>3</td><td>user</td>"#),
                    "\(page.text)")
            #expect(page.text.contains(#"<tr id="quota-transfers">"#) && page.text.contains(#"<tr id="quota-frameBytes">"#))
        }
    }

    @Test func aLaunchPastTheDataSessionQuotaIs429NamingIt() async throws {
        try await TestGateway.with { client, app in
            let world = try await BoundTokenTests.world(client, app)
            try await app.atrium.catalog.setQuota(.user(world.alice.id), kind: .dataSessions, limit: 0, by: .system)
            let response = try await world.aliceCaller.request(client, .post, "/api/v1/sessions", json: ["app": "plan"])
            #expect(response.status == .tooManyRequests, "\(response.text)")
            #expect(try response.object()["detail"] as? String == "You have 0 data sessions running; your limit is 0 (quota 'dataSessions').")
            #expect(try await app.atrium.catalog.heldSeats().isEmpty)
        }
    }

    @Test func anUploadOrASavePastItsQuotaIs413NamingTheLimit() async throws {
        try await TestGateway.with { client, app in
            let world = try await BoundTokenTests.world(client, app)
            let catalog = app.atrium.catalog
            try await catalog.setQuota(.user(world.alice.id), kind: .uploadBytes, limit: 10, by: .system)
            let big = try await world.aliceCaller.request(client, .post, "/api/v1/cases?app=plan&name=big",
                                                          headers: [.contentType: "application/octet-stream"],
                                                          body: ByteBuffer(string: String(repeating: "x", count: 11)))
            #expect(big.status == .contentTooLarge, "\(big.text)")
            #expect(try big.object()["detail"] as? String
                        == "The upload is 11 bytes; your limit for one upload is 10 bytes (quota 'uploadBytes').")
            try await catalog.clearQuota(.user(world.alice.id), kind: .uploadBytes, by: .system)

            let used = try #require(try await Self.mine(client, world.aliceCaller, "storageBytes")["used"] as? Int)
            try await catalog.setQuota(.user(world.alice.id), kind: .storageBytes, limit: Int64(used), by: .system)
            let full = try await world.aliceCaller.request(client, .post, "/api/v1/cases/\(world.opened)/versions",
                                                           headers: [.contentType: "application/octet-stream"],
                                                           body: ByteBuffer(string: "new data"))
            #expect(full.status == .contentTooLarge, "\(full.text)")
            let detail = try #require(try full.object()["detail"] as? String)
            #expect(detail.hasPrefix("Your cases use \(used) bytes and this would add "), "\(detail)")
            #expect(detail.hasSuffix("your storage limit is \(used) bytes (quota 'storageBytes')."), "\(detail)")
            #expect(try await catalog.caseHistory(caseId: world.opened).count == 1)
            // Bob, whose storage is his own, still saves.
            let bobs = try await world.bobCaller.request(client, .post, "/api/v1/cases/\(world.theirs)/versions",
                                                         headers: [.contentType: "application/octet-stream"],
                                                         body: ByteBuffer(string: "new data"))
            #expect(bobs.status == .created, "\(bobs.text)")
        }
    }

    @Test func thePortalShowsUseAgainstEachLimitAndOnlyAdminsSetThem() async throws {
        try await TestGateway.with { client, app in
            let world = try await BoundTokenTests.world(client, app)
            try await app.atrium.catalog.createGroup(name: "planners")
            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            let set = try await admin.post(client, "/admin/quotas", ["subject": "user", "name": "alice", "quota": "storageBytes", "limit": "2G"])
            #expect(set.status == .seeOther, "\(set.text)")
            let groupSet = try await admin.post(client, "/admin/quotas", ["subject": "group", "name": "planners", "quota": "jobs",
                                                                          "limit": "unlimited"])
            #expect(groupSet.status == .seeOther, "\(groupSet.text)")
            #expect(try await admin.post(client, "/admin/quotas", ["subject": "user", "name": "alice", "quota": "jobs", "limit": "lots"]).status
                    == .badRequest)
            let overview = try await admin.get(client, "/admin/quotas?user=alice")
            #expect(overview.status == .ok)
            #expect(overview.text.contains("Limits of alice") && overview.text.contains("group planners"), "\(overview.text)")
            #expect(try await app.atrium.catalog.effectiveQuota(userId: world.alice.id, kind: .storageBytes).value == 2 << 30)

            let alice = try await PortalSession.logon(client, "alice", "alice-password")
            let page = try await alice.get(client, "/quotas")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<tr id="quota-storageBytes"><td><code>storageBytes</code></td><td>case storage</td>"#), "\(page.text)")
            #expect(page.text.contains("<td>2.0 GiB</td><td>user</td>"), "\(page.text)")
            #expect(page.text.contains(#"<tr id="quota-jobs"><td><code>jobs</code></td><td>jobs queued or running</td><td>0</td><td>1000</td><td>server default</td>"#))
            #expect(!page.text.contains("quota-form"))
            let refused = try await alice.post(client, "/admin/quotas", ["subject": "user", "name": "alice", "quota": "jobs", "limit": "9999"])
            #expect(refused.status == .forbidden)
            // Cleared with an empty limit.
            #expect(try await admin.post(client, "/admin/quotas", ["subject": "user", "name": "alice", "quota": "storageBytes", "limit": ""]).status
                    == .seeOther)
            #expect(try await app.atrium.catalog.effectiveQuota(userId: world.alice.id, kind: .storageBytes).source == .serverDefault)
        }
    }
}
