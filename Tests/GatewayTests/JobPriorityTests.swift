import Catalog
import Foundation
import Gateway
import HummingbirdTesting
import Testing

/// The highest job priority a user may use (``SolvePolicy``): admins 9; everyone else their
/// `jobPriority` quota — their own, else their groups' highest, else `maxUserJobPriority`; above
/// it `POST /api/v1/jobs` answers 403 naming the limit and where it comes from.
@Suite struct JobPriorityTests {
    static func submit(_ client: any TestClientProtocol, _ caller: Caller, _ caseId: String, priority: Int?) async throws -> TestResponse {
        var body: [String: Any] = ["case": caseId, "scheduledAt": "2099-01-01T00:00:00Z"]
        if let priority { body["priority"] = priority }
        return try await caller.request(client, .post, "/api/v1/jobs", json: body)
    }

    @Test func aUserAboveTheLimitIsRefusedWithTheLimitNamedAndAnAdminMayUseNine() async throws {
        try await TestGateway.with { client, app in
            let world = try await BoundTokenTests.world(client, app)
            let refused = try await Self.submit(client, world.aliceCaller, world.opened, priority: 6)
            #expect(refused.status == .forbidden, "\(refused.text)")
            #expect(try refused.object()["detail"] as? String
                        == "Priority 6 is above your limit: your jobs may have priority 0…5 (quota 'jobPriority', the server's maxUserJobPriority; admins may always use 9).")
            #expect(try await app.atrium.catalog.listJobs(userId: world.alice.id, state: nil, limit: 10).isEmpty)

            let atLimit = try await Self.submit(client, world.aliceCaller, world.opened, priority: 5)
            #expect(atLimit.status == .created, "\(atLimit.text)")
            #expect(try atLimit.object()["priority"] as? Int == 5)

            let admin = try await Caller.token(app, user: "admin")
            let adminCase = try await BoundTokenTests.create(client, admin, "admin-plan")
            let urgent = try await Self.submit(client, admin, adminCase, priority: 9)
            #expect(urgent.status == .created, "\(urgent.text)")
            #expect(try urgent.object()["priority"] as? Int == 9)
        }
    }

    @Test func aLowerLimitAlsoLowersTheDefaultPriority() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var configuration = TestGateway.configuration(dir)
        configuration.maxUserJobPriority = 3
        let app = try await buildApplication(configuration)
        try await app.test(.router) { client in
            let world = try await BoundTokenTests.world(client, app)
            let unnamed = try await Self.submit(client, world.aliceCaller, world.opened, priority: nil)
            #expect(unnamed.status == .created, "\(unnamed.text)")
            #expect(try unnamed.object()["priority"] as? Int == 3)
            let refused = try await Self.submit(client, world.bobCaller, world.theirs, priority: 4)
            #expect(refused.status == .forbidden)
            #expect((try refused.object()["detail"] as? String)?.contains("0…3 (quota 'jobPriority', the server's maxUserJobPriority") == true, "\(refused.text)")
        }
    }

    @Test func aGroupsQuotaRaisesItsMembersPriorityAndAUsersOwnQuotaComesFirst() async throws {
        try await TestGateway.with { client, app in
            let catalog = app.atrium.catalog
            let world = try await BoundTokenTests.world(client, app)
            let admin = try await Caller.token(app, user: "admin", scopes: ["read", "write", "admin"])
            let planners = try await catalog.createGroup(name: "planners")
            try await catalog.addMember(groupId: planners.id, userId: world.alice.id)
            // Set through the API, as an admin does; a priority above 9 is no limit at all.
            let tooHigh = try await admin.request(client, .put, "/api/v1/groups/planners/quotas/jobPriority", json: ["limit": 10])
            #expect(tooHigh.status == .unprocessableContent, "\(tooHigh.text)")
            let set = try await admin.request(client, .put, "/api/v1/groups/planners/quotas/jobPriority", json: ["limit": 8])
            #expect(set.status == .ok || set.status == .noContent, "\(set.text)")

            let member = try await Self.submit(client, world.aliceCaller, world.opened, priority: 8)
            #expect(member.status == .created, "\(member.text)")
            #expect(try member.object()["priority"] as? Int == 8)
            let above = try await Self.submit(client, world.aliceCaller, world.opened, priority: 9)
            #expect(above.status == .forbidden)
            #expect(try above.object()["detail"] as? String
                        == "Priority 9 is above your limit: your jobs may have priority 0…8 (quota 'jobPriority', one of your groups'; admins may always use 9).")
            // bob is in no group: the server's default still holds for him.
            let outsider = try await Self.submit(client, world.bobCaller, world.theirs, priority: 6)
            #expect(outsider.status == .forbidden, "\(outsider.text)")

            // Her own limit comes before her groups'.
            try await catalog.setQuota(.user(world.alice.id), kind: .jobPriority, limit: 2, by: .system)
            let own = try await Self.submit(client, world.aliceCaller, world.opened, priority: 3)
            #expect(own.status == .forbidden)
            #expect((try own.object()["detail"] as? String)?.contains("0…2 (quota 'jobPriority', set for you") == true, "\(own.text)")
            // A job that names none gets the default, lowered to her limit.
            let unnamed = try await Self.submit(client, world.aliceCaller, world.opened, priority: nil)
            #expect(try unnamed.object()["priority"] as? Int == 2)

            // Her quotas show the limit, in its own unit.
            let priority = try await QuotaRouteTests.mine(client, world.aliceCaller, "jobPriority")
            #expect(priority["limit"] as? Int == 2 && priority["unit"] as? String == "priority" && priority["source"] as? String == "user")
        }
    }
}
