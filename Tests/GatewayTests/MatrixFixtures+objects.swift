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
        fixtures.ids["id"] = fixtures.ids["pat"]
        fixtures.ids["name"] = "rt"
        fixtures.ids["version"] = "1.0.0"
    }
}
