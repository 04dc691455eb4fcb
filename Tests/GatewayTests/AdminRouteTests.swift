import Catalog
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@Suite struct AdminRouteTests {
    static func admin(_ app: AtriumApplication) async throws -> Caller {
        try await Caller.token(app, user: "admin", scopes: ["read", "write", "admin"])
    }

    @Test func groupsAreCreatedListedFilledAndDeletedByAdminsOnly() async throws {
        try await TestGateway.with { client, app in
            let admin = try await Self.admin(app)
            try await Caller.makeUser(app, "alice")
            let created = try await admin.request(client, .post, "/api/v1/groups", json: ["name": "analysts"])
            #expect(created.status == .created)
            let id = try #require(try created.object()["id"] as? String)
            #expect(try await admin.request(client, .post, "/api/v1/groups", json: ["name": "analysts"]).status == .conflict)
            #expect(try await admin.request(client, .post, "/api/v1/groups", json: ["name": "Bad Name"]).status == .badRequest)
            for name in ["b-team", "c-team"] {
                #expect(try await admin.request(client, .post, "/api/v1/groups", json: ["name": name]).status == .created)
            }
            let page = try await admin.request(client, .get, "/api/v1/groups?limit=2")
            #expect(try (page.object()["items"] as? [[String: Any]])?.map { $0["name"] as? String } == ["analysts", "b-team"])
            #expect(try page.object()["nextOffset"] as? Int == 2)
            let rest = try await admin.request(client, .get, "/api/v1/groups?limit=2&offset=2")
            #expect(try (rest.object()["items"] as? [[String: Any]])?.count == 1)
            #expect(try rest.object()["nextOffset"] == nil)

            #expect(try await admin.request(client, .put, "/api/v1/groups/analysts/members/alice").status == .noContent)
            #expect(try await admin.request(client, .put, "/api/v1/groups/\(id)/members/alice").status == .noContent)
            let members = try await admin.request(client, .get, "/api/v1/groups/analysts/members")
            let names = try #require(try JSONSerialization.jsonObject(with: Data(members.body.readableBytesView)) as? [[String: Any]])
            #expect(names.map { $0["name"] as? String } == ["alice"])
            #expect(try await admin.request(client, .put, "/api/v1/groups/analysts/members/nobody").status == .notFound)
            #expect(try await admin.request(client, .delete, "/api/v1/groups/analysts/members/alice").status == .noContent)
            #expect(try await admin.request(client, .get, "/api/v1/groups/analysts/members").text == "[]")

            let alice = try await Caller.logon(client, "alice", "alice-password")
            #expect(try await alice.request(client, .get, "/api/v1/groups").status == .forbidden)
            #expect(try await alice.request(client, .post, "/api/v1/groups", json: ["name": "mine"]).status == .forbidden)
            #expect(try await alice.request(client, .delete, "/api/v1/groups/analysts").status == .forbidden)

            #expect(try await admin.request(client, .delete, "/api/v1/groups/analysts").status == .noContent)
            #expect(try await admin.request(client, .get, "/api/v1/groups/analysts/members").status == .notFound)
            #expect(try await admin.request(client, .delete, "/api/v1/groups/..%2Fetc").status == .notFound)
        }
    }

    @Test func tokensShowTheirSecretOnceAreScopedAndRevocable() async throws {
        try await TestGateway.with { client, app in
            try await Caller.makeUser(app, "alice")
            try await Caller.makeUser(app, "bob")
            let alice = try await Caller.logon(client, "alice", "alice-password")
            let created = try await alice.request(client, .post, "/api/v1/tokens", json: ["name": "ci", "scopes": ["read"]])
            #expect(created.status == .created, "\(created.text)")
            let secret = try #require(try created.object()["secret"] as? String)
            let id = try #require(try created.object()["id"] as? String)
            #expect(secret.hasPrefix("atr_"))
            let expiresText = try #require(try created.object()["expiresAt"] as? String)
            let expires = try #require(ISO8601DateFormatter().date(from: expiresText))
            #expect(abs(expires.timeIntervalSinceNow - 90 * 86400) < 120)

            let listed = try await alice.request(client, .get, "/api/v1/tokens")
            #expect(listed.status == .ok)
            #expect(listed.text.contains(id) && !listed.text.contains(secret) && !listed.text.contains("secret"))

            let reader = Caller(headers: [.authorization: "Bearer \(secret)"])
            #expect(try await reader.request(client, .get, "/api/v1/me").status == .ok)
            #expect(try await reader.request(client, .post, "/api/v1/tokens", json: ["name": "more", "scopes": ["read"]]).status == .forbidden)

            #expect(try await alice.request(client, .post, "/api/v1/tokens", json: ["name": "x", "scopes": ["admin"]]).status == .forbidden)
            #expect(try await alice.request(client, .post, "/api/v1/tokens", json: ["name": "x", "scopes": ["root"]]).status == .badRequest)
            #expect(try await alice.request(client, .post, "/api/v1/tokens", json: ["name": "x", "scopes": []]).status == .badRequest)
            for days in [0, 366] {
                #expect(try await alice.request(client, .post, "/api/v1/tokens", json: ["name": "x", "scopes": ["read"], "expiresInDays": days]).status == .badRequest)
            }
            // A write token cannot mint itself more than it has.
            let writer = try await Caller.token(app, user: "alice", scopes: ["read", "write"])
            #expect(try await writer.request(client, .post, "/api/v1/tokens", json: ["name": "w", "scopes": ["read", "write"], "expiresInDays": 1]).status == .created)

            let bob = try await Caller.logon(client, "bob", "bob-password")
            #expect(try await bob.request(client, .delete, "/api/v1/tokens/\(id)").status == .notFound)
            #expect(try await reader.request(client, .get, "/api/v1/me").status == .ok)
            #expect(try await alice.request(client, .delete, "/api/v1/tokens/\(id)").status == .noContent)
            #expect(try await reader.request(client, .get, "/api/v1/me").status == .unauthorized)
            let revoked = try await alice.request(client, .get, "/api/v1/tokens")
            #expect(revoked.text.contains("revokedAt"))

            // Admins may create admin-scoped tokens and revoke anyone's.
            let admin = try await Caller.logon(client, "admin", TestGateway.adminPassword)
            #expect(try await admin.request(client, .post, "/api/v1/tokens", json: ["name": "ops", "scopes": ["read", "admin"]]).status == .created)
            let bobsToken = try await bob.request(client, .post, "/api/v1/tokens", json: ["name": "b", "scopes": ["read"]])
            let bobsId = try #require(try bobsToken.object()["id"] as? String)
            #expect(try await admin.request(client, .delete, "/api/v1/tokens/\(bobsId)").status == .noContent)
            #expect(try await admin.request(client, .delete, "/api/v1/tokens/nope").status == .notFound)
        }
    }

    @Test func trustedKeysAreAddedListedAndRevoked() async throws {
        try await TestGateway.with { client, app in
            let admin = try await Self.admin(app)
            try await Caller.makeUser(app, "pub", role: .publisher)
            try await Caller.makeUser(app, "alice")
            let publisher = try await Caller.token(app, user: "pub")
            let pair = PublisherKeyPair.generate(name: "acme")
            let keyText = String(decoding: try pair.publicKey.fileJSON(), as: UTF8.self)

            #expect(try await publisher.request(client, .get, "/api/v1/keys").text == "[]")
            #expect(try await (try await Caller.token(app, user: "alice")).request(client, .get, "/api/v1/keys").status == .forbidden)
            #expect(try await publisher.request(client, .post, "/api/v1/keys", json: ["publicKey": keyText]).status == .forbidden)

            let added = try await admin.request(client, .post, "/api/v1/keys", json: ["publicKey": keyText, "validUntil": "2099-01-01T00:00:00Z"])
            #expect(added.status == .created, "\(added.text)")
            #expect(try added.object()["id"] as? String == pair.id)
            #expect(try added.object()["validUntil"] as? String == "2099-01-01T00:00:00Z")
            #expect(try await admin.request(client, .post, "/api/v1/keys", json: ["publicKey": keyText]).status == .ok)

            let privateText = String(decoding: try pair.fileJSON(), as: UTF8.self)
            for bad in ["not a key", "{}", privateText, keyText.replacingOccurrences(of: pair.id, with: "ed25519-0000000000000000")] {
                #expect(try await admin.request(client, .post, "/api/v1/keys", json: ["publicKey": bad]).status == .unprocessableContent)
            }
            let other = String(decoding: try PublisherKeyPair.generate(name: "x").publicKey.fileJSON(), as: UTF8.self)
            #expect(try await admin.request(client, .post, "/api/v1/keys",
                                            json: ["publicKey": other, "validFrom": "2030-01-01T00:00:00Z", "validUntil": "2029-01-01T00:00:00Z"]).status == .unprocessableContent)

            let list = try await publisher.request(client, .get, "/api/v1/keys")
            let keys = try #require(try JSONSerialization.jsonObject(with: Data(list.body.readableBytesView)) as? [[String: Any]])
            #expect(keys.map { $0["id"] as? String } == [pair.id])
            #expect(keys.first?["revokedAt"] == nil)

            let revoked = try await admin.request(client, .post, "/api/v1/keys/\(pair.id)/revoke")
            #expect(revoked.status == .ok, "\(revoked.text)")
            #expect(try revoked.object()["revokedAt"] as? String != nil)
            let dated = try await admin.request(client, .post, "/api/v1/keys/\(pair.id)/revoke", json: ["at": "2020-01-01T00:00:00Z"])
            #expect(try dated.object()["revokedAt"] as? String == "2020-01-01T00:00:00Z")
            #expect(try await app.atrium.catalog.trustStore().keys.first?.isRevoked(at: Date()) == true)
            #expect(try await admin.request(client, .post, "/api/v1/keys/ed25519-ffffffffffffffff/revoke").status == .notFound)
            #expect(try await publisher.request(client, .post, "/api/v1/keys/\(pair.id)/revoke").status == .forbidden)
        }
    }

    @Test func auditShowsChangesPagedByBeforeAndFiltered() async throws {
        try await TestGateway.with { client, app in
            let admin = try await Self.admin(app)
            let adminId = try #require(try await app.atrium.catalog.user(named: "admin")).id
            let created = try await admin.request(client, .post, "/api/v1/groups", json: ["name": "audited"])
            let groupId = try #require(try created.object()["id"] as? String)
            try await Caller.makeUser(app, "alice")
            #expect(try await admin.request(client, .put, "/api/v1/groups/audited/members/alice").status == .noContent)
            #expect(try await admin.request(client, .delete, "/api/v1/groups/audited").status == .noContent)

            let about = try await admin.request(client, .get, "/api/v1/audit?target=group:\(groupId)")
            let rows = try #require(try about.object()["items"] as? [[String: Any]])
            #expect(rows.map { $0["action"] as? String } == ["group.delete", "group.add-member", "group.create"])
            #expect(rows.allSatisfy { $0["actor"] as? String == adminId })
            #expect((rows.last?["detail"] as? [String: String])?["name"] == "audited")

            let first = try await admin.request(client, .get, "/api/v1/audit?limit=2&actor=admin")
            let firstItems = try #require(try first.object()["items"] as? [[String: Any]])
            #expect(firstItems.count == 2)
            let before = try #require(try first.object()["nextBefore"] as? String)
            let second = try await admin.request(client, .get, "/api/v1/audit?limit=2&actor=admin&before=\(before)")
            let secondItems = try #require(try second.object()["items"] as? [[String: Any]])
            #expect(secondItems.first?["action"] as? String == "group.create")
            #expect(Set(firstItems.compactMap { $0["id"] as? String }).isDisjoint(with: secondItems.compactMap { $0["id"] as? String }))
            #expect(try await admin.request(client, .get, "/api/v1/audit?limit=0").status == .badRequest)
            #expect(try await admin.request(client, .get, "/api/v1/audit?actor=x'%20OR%201%3D1--").status == .ok)
            let alice = try await Caller.token(app, user: "alice")
            #expect(try await alice.request(client, .get, "/api/v1/audit").status == .forbidden)
        }
    }
}
