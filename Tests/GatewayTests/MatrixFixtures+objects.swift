import Catalog
import Foundation
import Gateway
import HummingbirdTesting
import Store
import Testing

extension MatrixFixtures {
    /// The objects beyond the accounts: pat's app `demo` (alice may read it, bob may not) with
    /// version 1.0.0 on the trusted runtime package rt@1.0.0, plus the bytes of a second signed
    /// package and of a sealed version 1.2.0 for the upload rows.
    static func extend(_ fixtures: inout MatrixFixtures, _ client: any TestClientProtocol, _ app: AtriumApplication,
                       _ catalog: Catalog) async throws {
        fixtures.ids["user"] = fixtures.ids["alice"]
        let pat = fixtures.callers[.publisher]!
        let key = try await Publish.trustedKey(app)
        let uploaded = try await pat.upload(client, "/api/v1/packages", try Publish.package(key, name: "rt", version: "1.0.0"))
        #expect(uploaded.status == .created, "\(uploaded.text)")
        fixtures.blobs["package"] = try Publish.package(key, name: "rt2", version: "1.0.0")
        let created = try await pat.request(client, .post, "/api/v1/apps", json: ["name": "demo", "title": "Demo"])
        #expect(created.status == .created, "\(created.text)")
        let platform = try await Publish.platformKey(client, pat)
        let sealed = try Publish.seal(Publish.modelBytes, app: "demo", version: "1.0.0", to: platform)
        let version = try await pat.upload(client, "/api/v1/apps/demo/versions?version=1.0.0&runtime=rt@1.0.0", sealed)
        #expect(version.status == .created, "\(version.text)")
        fixtures.blobs["sealed"] = try Publish.seal(Publish.modelBytes, app: "demo", version: "1.2.0", to: platform)
        try await catalog.grant(app: "demo", subject: .user(fixtures.ids["alice"]!), right: .read)
        fixtures.ids["app"] = "demo"
        fixtures.ids["key"] = key.id
        fixtures.blobs["newKey"] = try PublisherKeyPair.generate(name: "other").publicKey.fileJSON()

        // An admin-made group with alice in it, and a token of alice's.
        let group = try await catalog.createGroup(name: "analysts")
        try await catalog.addMember(groupId: group.id, userId: fixtures.ids["alice"]!)
        fixtures.ids["group"] = group.id
        fixtures.ids["token"] = try await catalog.createToken(userId: fixtures.ids["alice"]!, name: "spare", scopes: ["read"],
                                                              expiresAt: nil).token.id

        // alice's case of demo, shared with pat for reading.
        let alice = fixtures.callers[.user]!
        let saved = try await alice.upload(client, "/api/v1/cases?app=demo&name=plan", Array("a,b\n1,2\n".utf8))
        #expect(saved.status == .created, "\(saved.text)")
        fixtures.ids["case"] = try #require(try saved.object()["id"] as? String)
        fixtures.ids["number"] = "1"
        let shared = try await alice.request(client, .put, "/api/v1/cases/\(fixtures.ids["case"]!)/shares",
                                             json: ["subject": ["kind": "user", "id": fixtures.ids["pat"]!], "access": "read"])
        #expect(shared.status == .ok, "\(shared.text)")
        fixtures.ids["kind"] = "user"
        fixtures.ids["quota"] = "jobs"
        fixtures.ids["id"] = fixtures.ids["pat"]
        fixtures.ids["name"] = "rt"
        fixtures.ids["version"] = "1.0.0"
        try await extendSessions(&fixtures, app, catalog, key: key)
    }

    /// alice may launch demo; an ended data session of hers with a log, and a failed job of hers
    /// with a log; a license signed by the trusted key for the install row.
    static func extendSessions(_ fixtures: inout MatrixFixtures, _ app: AtriumApplication, _ catalog: Catalog,
                               key: PublisherKeyPair) async throws {
        let alice = fixtures.ids["alice"]!
        try await catalog.grant(app: "demo", subject: .user(alice), right: .launch)
        let log = try app.atrium.blobs.put(Array("runtime output\n".utf8)).digest.hex
        let seat = try await catalog.takeSeat(kind: .data, holder: "matrix-session", userId: alice, app: "demo", node: "elsewhere",
                                              limits: SeatLimits(), leaseUntil: Date() + 60)
        _ = try await catalog.createDataSession(id: "matrix-session", userId: alice, app: "demo", appVersion: "1.0.0", runtime: "rt@1.0.0",
                                                node: "elsewhere", seatId: seat.id)
        _ = try await catalog.endDataSession(id: "matrix-session", reason: "stopped (requested)", logDigest: log)
        fixtures.ids["session"] = "matrix-session"
        let job = try await catalog.submitJob(userId: alice, app: "demo", appVersion: "1.0.0", caseId: fixtures.ids["case"]!,
                                              inputNumber: 1, priority: 5, timeoutSeconds: 60, scheduledAt: Date() + 86400 * 365,
                                              sessionId: nil, by: .user(alice), now: Date() - 10)
        // It ran and failed on another node (scheduled far ahead so this node's runner leaves it alone).
        let later = Date() + 86400 * 366
        let claimed = try #require(try await catalog.claimNextJob(node: "elsewhere", leaseUntil: later + 60, now: later))
        #expect(claimed.id == job.id)
        _ = try await catalog.finishJob(id: job.id, node: "elsewhere", state: .failed, resultNumber: nil, reason: "infeasible",
                                        logDigest: log)
        fixtures.ids["job"] = job.id
        let statement = try LicenseStatement(id: "matrix", licensee: "Matrix Ltd", dataSessions: 5, optimizationSessions: 2,
                                             namedUsers: 10, issued: Date() - 60, expires: Date() + 86400)
        fixtures.blobs["license"] = try LicenseSigner.sign(statement, key: key).canonicalJSON()
    }
}
