import Catalog
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// What a runtime's token reaches through the real API (docs/runtime.md, "The session-scoped
/// token"): a data session's token its opened and created cases and its own jobs, a job's token
/// its input version; nothing else of the same user or of anyone else, and nothing once its
/// session or job is over. The tokens are made by the catalog calls the session manager and the
/// job runner make at launch.
@Suite struct BoundTokenTests {
    /// The app `plan` (latest version 1 on `rt`) that alice and bob may read and launch, their
    /// callers, and alice's cases `opened` and `other` and bob's `theirs`, saved through the API.
    struct World {
        let alice: User
        let aliceCaller: Caller
        let bobCaller: Caller
        let opened: String
        let other: String
        let theirs: String
    }

    static func world(_ client: any TestClientProtocol, _ app: AtriumApplication) async throws -> World {
        let catalog = app.atrium.catalog
        try await RuntimeAppFixture.register(catalog).app("plan", title: "Plan")
        let alice = try await Caller.makeUser(app, "alice")
        let bob = try await Caller.makeUser(app, "bob")
        for user in [alice, bob] {
            try await catalog.grant(app: "plan", subject: .user(user.id), right: .read)
            try await catalog.grant(app: "plan", subject: .user(user.id), right: .launch)
        }
        let aliceCaller = try await Caller.token(app, user: "alice")
        let bobCaller = try await Caller.token(app, user: "bob")
        return World(alice: alice, aliceCaller: aliceCaller, bobCaller: bobCaller,
                     opened: try await create(client, aliceCaller, "opened"), other: try await create(client, aliceCaller, "other"),
                     theirs: try await create(client, bobCaller, "theirs"))
    }

    static func create(_ client: any TestClientProtocol, _ caller: Caller, _ name: String) async throws -> String {
        let response = try await caller.request(client, .post, "/api/v1/cases?app=plan&name=\(name)",
                                                headers: [.contentType: "application/octet-stream"],
                                                body: ByteBuffer(string: "data of \(name)"))
        #expect(response.status == .created, "\(name): \(response.text)")
        return try #require(try response.object()["id"] as? String)
    }

    /// Submits a solve of `caseId` scheduled far ahead (the gateway's own runner leaves it queued).
    static func submit(_ client: any TestClientProtocol, _ caller: Caller, _ caseId: String, session: String? = nil) async throws -> TestResponse {
        var body: [String: Any] = ["case": caseId, "scheduledAt": "2099-01-01T00:00:00Z"]
        if let session { body["session"] = session }
        return try await caller.request(client, .post, "/api/v1/jobs", json: body)
    }

    static func bearer(_ created: CreatedAPIToken, _ name: String) -> Caller {
        Caller(headers: [.authorization: "Bearer \(created.secret)"], name: name)
    }

    static func ids(_ response: TestResponse) throws -> Set<String> {
        Set(try #require(try response.object()["items"] as? [[String: Any]]).compactMap { $0["id"] as? String })
    }

    @Test func aSessionTokenReachesItsOwnCasesAndJobsOnly() async throws {
        try await TestGateway.with { client, app in
            let catalog = app.atrium.catalog
            let world = try await Self.world(client, app)
            _ = try await catalog.createDataSession(id: "session-a", userId: world.alice.id, app: "plan", appVersion: "1",
                                                    runtime: "rt@1.0.0", node: "n1", seatId: "seat-a")
            let created = try await catalog.createSessionToken(userId: world.alice.id, session: "session-a", caseId: world.opened,
                                                               expiresAt: nil)
            let session = Self.bearer(created, "session-a")

            // The opened case: read, history, content, a new version.
            #expect(try await session.request(client, .get, "/api/v1/cases/\(world.opened)").status == .ok)
            #expect(try await session.request(client, .get, "/api/v1/cases/\(world.opened)/versions").status == .ok)
            let content = try await session.request(client, .get, "/api/v1/cases/\(world.opened)/versions/1/content")
            #expect(content.status == .ok && content.text == "data of opened")
            let saved = try await session.request(client, .post, "/api/v1/cases/\(world.opened)/versions",
                                                  headers: [.contentType: "application/octet-stream"], body: ByteBuffer(string: "v2"))
            #expect(saved.status == .created, "\(saved.text)")

            // Another case of the same user and another user's case do not exist for it.
            for id in [world.other, world.theirs] {
                for path in ["/api/v1/cases/\(id)", "/api/v1/cases/\(id)/versions", "/api/v1/cases/\(id)/versions/1/content"] {
                    let response = try await session.request(client, .get, path)
                    #expect(response.status == .notFound, "\(path): \(response.text)")
                }
                let write = try await session.request(client, .post, "/api/v1/cases/\(id)/versions",
                                                      headers: [.contentType: "application/octet-stream"], body: ByteBuffer(string: "x"))
                #expect(write.status == .notFound, "\(write.text)")
                #expect(try await Self.submit(client, session, id).status == .notFound)
            }
            // Refused in the same words as a case that does not exist.
            let unknown = try await session.request(client, .get, "/api/v1/cases/no-such-case").text
            let refused = try await session.request(client, .get, "/api/v1/cases/\(world.other)").text
            #expect(refused.replacingOccurrences(of: world.other, with: "no-such-case") == unknown)

            // A case it creates is its own from then on.
            let made = try await Self.create(client, session, "made")
            #expect(try await session.request(client, .get, "/api/v1/cases/\(made)").status == .ok)
            let again = try await session.request(client, .post, "/api/v1/cases/\(made)/versions",
                                                  headers: [.contentType: "application/octet-stream"], body: ByteBuffer(string: "v2"))
            #expect(again.status == .created, "\(again.text)")
            // Its list shows the bound cases only; alice's own list shows all of hers.
            #expect(try Self.ids(try await session.request(client, .get, "/api/v1/cases?app=plan")) == [world.opened, made])
            #expect(try Self.ids(try await session.request(client, .get, "/api/v1/cases")) == [world.opened, made])
            #expect(try Self.ids(try await world.aliceCaller.request(client, .get, "/api/v1/cases?app=plan"))
                    == [world.opened, world.other, made])

            // Jobs: the ones it submits, for its own session only; not alice's others, not bob's.
            let submitted = try await Self.submit(client, session, world.opened, session: "session-a")
            #expect(submitted.status == .created, "\(submitted.text)")
            let job = try #require(try submitted.object()["id"] as? String)
            let foreign = try await Self.submit(client, session, world.opened, session: "session-b")
            #expect(foreign.status == .badRequest, "\(foreign.text)")
            let alicesJob = try #require(try await Self.submit(client, world.aliceCaller, world.other).object()["id"] as? String)
            let bobsJob = try #require(try await Self.submit(client, world.bobCaller, world.theirs).object()["id"] as? String)
            #expect(try await session.request(client, .get, "/api/v1/jobs/\(job)").status == .ok)
            #expect(try Self.ids(try await session.request(client, .get, "/api/v1/jobs")) == [job])
            for other in [alicesJob, bobsJob] {
                for (method, path) in [(HTTPRequest.Method.get, "/api/v1/jobs/\(other)"), (.get, "/api/v1/jobs/\(other)/log"),
                                       (.get, "/api/v1/jobs/\(other)/events"), (.post, "/api/v1/jobs/\(other)/cancel")] {
                    let response = try await session.request(client, method, path)
                    #expect(response.status == .notFound, "\(method) \(path): \(response.text)")
                }
            }
            #expect(try await catalog.job(id: bobsJob)?.state == .queued)
            #expect(try await session.request(client, .post, "/api/v1/jobs/\(job)/cancel").status == .ok)

            // The session ends (its revocation failed, say): the token is refused from then on.
            _ = try await catalog.endDataSession(id: "session-a", reason: "stopped (requested)", logDigest: nil)
            app.atrium.tokenCache.invalidate(tokenId: created.token.id)
            #expect(try await session.request(client, .get, "/api/v1/cases/\(world.opened)").status == .unauthorized)
        }
    }

    @Test func aRevokedSessionTokenIsRefused() async throws {
        try await TestGateway.with { client, app in
            let catalog = app.atrium.catalog
            let world = try await Self.world(client, app)
            _ = try await catalog.createDataSession(id: "session-b", userId: world.alice.id, app: "plan", appVersion: "1",
                                                    runtime: "rt@1.0.0", node: "n1", seatId: "seat-b")
            let created = try await catalog.createSessionToken(userId: world.alice.id, session: "session-b", caseId: nil, expiresAt: nil)
            let session = Self.bearer(created, "session-b")
            // Launched without a case: nothing is bound yet.
            #expect(try Self.ids(try await session.request(client, .get, "/api/v1/cases")).isEmpty)
            #expect(try await session.request(client, .get, "/api/v1/cases/\(world.opened)").status == .notFound)
            try await catalog.revokeToken(id: created.token.id)
            app.atrium.tokenCache.invalidate(tokenId: created.token.id)
            #expect(try await session.request(client, .get, "/api/v1/cases").status == .unauthorized)
        }
    }

    @Test func aJobTokenReadsItsInputVersionOnly() async throws {
        try await TestGateway.with { client, app in
            let catalog = app.atrium.catalog
            let world = try await Self.world(client, app)
            #expect(try await Self.submit(client, world.aliceCaller, world.opened).status == .created)
            // The case moves on after the job was submitted: the job's input stays version 1.
            let saved = try await world.aliceCaller.request(client, .post, "/api/v1/cases/\(world.opened)/versions",
                                                            headers: [.contentType: "application/octet-stream"], body: ByteBuffer(string: "v2"))
            #expect(saved.status == .created)
            let later = try #require(ISO8601DateFormatter().date(from: "2099-01-02T00:00:00Z"))
            let job = try #require(try await catalog.claimNextJob(node: "n1", leaseUntil: later + 600, now: later))
            let created = try await catalog.createJobToken(job: job, expiresAt: Date() + 3600)
            let token = Self.bearer(created, "job")

            #expect(try await token.request(client, .get, "/api/v1/cases/\(world.opened)").status == .ok)
            let input = try await token.request(client, .get, "/api/v1/cases/\(world.opened)/versions/1/content")
            #expect(input.status == .ok && input.text == "data of opened")
            #expect(try Self.ids(try await token.request(client, .get, "/api/v1/cases?app=plan")) == [world.opened])
            // Not the case's other versions or history, not other cases, not jobs, no writes.
            #expect(try await token.request(client, .get, "/api/v1/cases/\(world.opened)/versions/2/content").status == .forbidden)
            #expect(try await token.request(client, .get, "/api/v1/cases/\(world.opened)/versions").status == .forbidden)
            for id in [world.other, world.theirs] {
                #expect(try await token.request(client, .get, "/api/v1/cases/\(id)").status == .notFound)
                #expect(try await token.request(client, .get, "/api/v1/cases/\(id)/versions/1/content").status == .notFound)
            }
            #expect(try await token.request(client, .get, "/api/v1/jobs/\(job.id)").status == .notFound)
            #expect(try Self.ids(try await token.request(client, .get, "/api/v1/jobs")).isEmpty)
            let write = try await token.request(client, .post, "/api/v1/cases/\(world.opened)/versions",
                                                headers: [.contentType: "application/octet-stream"], body: ByteBuffer(string: "x"))
            #expect(write.status == .forbidden)
            let create = try await token.request(client, .post, "/api/v1/cases?app=plan&name=new",
                                                 headers: [.contentType: "application/octet-stream"], body: ByteBuffer(string: "x"))
            #expect(create.status == .forbidden)
            #expect(try await Self.submit(client, token, world.opened).status == .forbidden)
            #expect(try await token.request(client, .get, "/api/v1/me").status == .forbidden)

            // The job ends: its token is refused.
            _ = try await catalog.finishJob(id: job.id, node: "n1", state: .succeeded, resultNumber: nil, reason: nil, logDigest: nil)
            app.atrium.tokenCache.invalidate(tokenId: created.token.id)
            #expect(try await token.request(client, .get, "/api/v1/cases/\(world.opened)").status == .unauthorized)
        }
    }
}
