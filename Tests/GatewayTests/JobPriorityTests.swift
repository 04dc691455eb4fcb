import Catalog
import Foundation
import Gateway
import HummingbirdTesting
import Testing

/// The highest job priority a role may use (`maxUserJobPriority`, ``SolvePolicy``): users up to
/// the setting, admins up to 9; above it `POST /api/v1/jobs` answers 403 naming the limit.
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
                        == "Priority 6 is above your limit: your jobs may have priority 0…5 (maxUserJobPriority = 5; only admins may use up to 9).")
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
            #expect((try refused.object()["detail"] as? String)?.contains("0…3 (maxUserJobPriority = 3") == true, "\(refused.text)")
        }
    }
}
