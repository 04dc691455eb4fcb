import Catalog
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@Suite struct AppRouteTests {
    /// A publisher `pat` with a registered runtime `rt@1.0.0` and an app `flow` they created.
    func setUp(_ client: any TestClientProtocol, _ app: AtriumApplication) async throws -> (Caller, AppPublicKey) {
        let key = try await Publish.trustedKey(app)
        let pat = try await Caller.publisher(app, "pat")
        #expect(try await pat.upload(client, "/api/v1/packages", try Publish.package(key)).status == .created)
        let created = try await pat.request(client, .post, "/api/v1/apps", json: ["name": "flow", "title": "Flow model"])
        #expect(created.status == .created, "\(created.text)")
        return (pat, try await Publish.platformKey(client, pat))
    }

    func versions(_ client: any TestClientProtocol, _ caller: Caller) async throws -> [String] {
        let response = try await caller.request(client, .get, "/api/v1/apps/flow/versions")
        #expect(response.status == .ok, "\(response.text)")
        return try response.items().compactMap { $0["version"] as? String }
    }

    func latest(_ client: any TestClientProtocol, _ caller: Caller) async throws -> String? {
        try await caller.request(client, .get, "/api/v1/apps/flow").object()["latestVersion"] as? String
    }

    @Test func platformKeyIsMadeOnFirstStartPrivateAndKeptAcrossRestarts() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let first = try await buildApplication(TestGateway.configuration(dir))
        let id = first.atrium.appKeys.current.id
        await first.atrium.catalog.close()
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/keys")
        let privateFile = try #require(files.first { $0.hasSuffix(".key.json") })
        #expect(files.contains { $0.hasSuffix(".pub.json") })
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: dir.path + "/keys/" + privateFile)[.posixPermissions] as? Int)
        #expect(mode & 0o777 == 0o600)
        let dirMode = try #require(try FileManager.default.attributesOfItem(atPath: dir.path + "/keys")[.posixPermissions] as? Int)
        #expect(dirMode & 0o077 == 0)
        #expect(try AppKeyPair.load(fromFile: dir.path + "/keys/" + privateFile).id == id)

        let second = try await buildApplication(TestGateway.configuration(dir))
        #expect(second.atrium.appKeys.current.id == id)
        #expect(second.atrium.appKeys.keyring.ids == [id])
        try await second.test(.router) { client in
            let admin = try await Caller.token(second, user: "admin")
            #expect(try await Publish.platformKey(client, admin).id == id)
            #expect(try await Caller.anonymous.request(client, .get, "/api/v1/app-key").status == .unauthorized)
        }
    }

    @Test func sealedVersionsUploadListLatestHideAndRollBack() async throws {
        try await Publish.with { client, app, _ in
            let (pat, platform) = try await setUp(client, app)
            for version in ["1", "2", "3"] {
                let sealed = try Publish.seal(Publish.modelBytes, app: "flow", version: version, to: platform)
                let response = try await pat.upload(client, "/api/v1/apps/flow/versions?version=\(version)&runtime=rt@1.0.0", sealed,
                                                    headers: [StreamingUpload.digestHeader: BlobDigest.of(sealed).hex])
                #expect(response.status == .created, "\(response.text)")
                #expect(try response.object()["sealedDigest"] as? String == BlobDigest.of(sealed).hex)
                #expect(try response.object()["runtime"] as? String == "rt@1.0.0")
            }
            #expect(try await versions(client, pat) == ["3", "2", "1"])
            #expect(try await latest(client, pat) == "3")
            let again = try Publish.seal(Publish.modelBytes, app: "flow", version: "3", to: platform)
            #expect(try await pat.upload(client, "/api/v1/apps/flow/versions?version=3&runtime=rt@1.0.0", again).status == .conflict)

            // Hide 2: readers no longer see it, the publisher still does; the latest cannot be hidden.
            let reader = try await Caller.publisher(app, "rita", role: .user)
            try await app.atrium.catalog.grant(app: "flow", subject: .user(try #require(try await app.atrium.catalog.user(named: "rita")).id),
                                               right: .read)
            let hide = try await pat.request(client, .patch, "/api/v1/apps/flow/versions/2", json: ["hidden": true])
            #expect(hide.status == .ok)
            #expect(try hide.object()["hidden"] as? Bool == true)
            #expect(try await pat.request(client, .patch, "/api/v1/apps/flow/versions/3", json: ["hidden": true]).status == .conflict)
            #expect(try await pat.request(client, .patch, "/api/v1/apps/flow/versions/9", json: ["hidden": true]).status == .notFound)
            #expect(try await versions(client, reader) == ["3", "1"])
            #expect(try await versions(client, pat) == ["3", "2", "1"])
            #expect(try await reader.request(client, .patch, "/api/v1/apps/flow/versions/2", json: ["hidden": false]).status == .forbidden)

            // Roll back skips the hidden version; a hidden version cannot be made latest.
            let rollback = try await pat.request(client, .post, "/api/v1/apps/flow/rollback")
            #expect(rollback.status == .ok)
            #expect(try rollback.object()["latestVersion"] as? String == "1")
            #expect(try await pat.request(client, .post, "/api/v1/apps/flow/rollback").status == .conflict)
            #expect(try await pat.request(client, .put, "/api/v1/apps/flow/latest", json: ["version": "2"]).status == .conflict)
            let set = try await pat.request(client, .put, "/api/v1/apps/flow/latest", json: ["version": "3"])
            #expect(set.status == .ok)
            #expect(try await latest(client, reader) == "3")
            #expect(try await pat.request(client, .put, "/api/v1/apps/flow/latest", json: ["version": "7"]).status == .notFound)

            // A version uploaded with latest=false does not move latest.
            let quiet = try Publish.seal(Publish.modelBytes, app: "flow", version: "4", to: platform)
            #expect(try await pat.upload(client, "/api/v1/apps/flow/versions?version=4&runtime=rt@1.0.0&latest=false", quiet).status == .created)
            #expect(try await latest(client, pat) == "3")
        }
    }

    @Test func sealedAppsThatDoNotOpenOrDoNotMatchAre422AndTheCatalogIsUnchanged() async throws {
        try await Publish.with { client, app, _ in
            let (pat, platform) = try await setUp(client, app)
            let upload = "/api/v1/apps/flow/versions?version=1&runtime=rt@1.0.0"
            let otherServer = AppKeyPair.generate(name: "elsewhere").publicKey
            let cases: [(String, [UInt8], String)] = [
                ("another key", try Publish.seal(Publish.modelBytes, app: "flow", version: "1", to: otherServer), "does not hold"),
                ("another app", try Publish.seal(Publish.modelBytes, app: "payroll", version: "1", to: platform), "app"),
                ("another version", try Publish.seal(Publish.modelBytes, app: "flow", version: "2", to: platform), "version"),
                ("not sealed", Array("just some bytes".utf8), "sealed app"),
            ]
            for (label, bytes, reason) in cases {
                let response = try await pat.upload(client, upload, bytes)
                #expect(response.status == .unprocessableContent, "\(label): \(response.text)")
                #expect(response.detail.contains(reason), "\(label): \(response.detail)")
            }
            // A flipped bit in the last chunk is only found by opening every chunk.
            var tampered = try Publish.seal(Publish.modelBytes, app: "flow", version: "1", to: platform)
            tampered[tampered.count - 20] ^= 1
            #expect(try await pat.upload(client, upload, tampered).status == .unprocessableContent)
            var truncated = try Publish.seal(Publish.modelBytes, app: "flow", version: "1", to: platform)
            truncated.removeLast(1040)
            #expect(try await pat.upload(client, upload, truncated).status == .unprocessableContent)
            // The fixture sealed to the fixtures' own server key does not open here.
            #expect(try await pat.request(client, .post, "/api/v1/apps", json: ["name": "transport", "title": "T"]).status == .created)
            let fixture = try await pat.upload(client, "/api/v1/apps/transport/versions?version=1&runtime=rt@1.0.0",
                                               try Publish.fixture("apps/good.atapp"))
            #expect(fixture.status == .unprocessableContent, "\(fixture.text)")

            let good = try Publish.seal(Publish.modelBytes, app: "flow", version: "1", to: platform)
            let unknownRuntime = try await pat.upload(client, "/api/v1/apps/flow/versions?version=1&runtime=rt@9.9.9", good)
            #expect(unknownRuntime.status == .unprocessableContent)
            #expect(try await pat.upload(client, "/api/v1/apps/flow/versions?version=1&runtime=rt", good).status == .badRequest)
            #expect(try await pat.upload(client, "/api/v1/apps/flow/versions?version=1&runtime=rt@1.0.0", good,
                                         headers: [StreamingUpload.digestHeader: String(repeating: "a", count: 64)]).status
                    == .unprocessableContent)
            #expect(try await pat.upload(client, upload, good, contentType: "text/plain").status == .unsupportedMediaType)
            #expect(try await versions(client, pat).isEmpty)
            #expect(try await latest(client, pat) == nil)

            #expect(try await pat.upload(client, upload, good).status == .created)
            #expect(try await versions(client, pat) == ["1"])
        }
    }

    @Test func rightsDecideWhoSeesAndPublishesAnAppAndDenyWins() async throws {
        try await Publish.with { client, app, _ in
            let (pat, platform) = try await setUp(client, app)
            let catalog = app.atrium.catalog
            let uma = try await Caller.publisher(app, "uma", role: .user)
            let umaId = try #require(try await catalog.user(named: "uma")).id
            let otto = try await Caller.publisher(app, "otto")

            // Without a right the app does not exist for them.
            #expect(try await uma.request(client, .get, "/api/v1/apps/flow").status == .notFound)
            #expect(try await uma.request(client, .get, "/api/v1/apps/flow/versions").status == .notFound)
            #expect(try await uma.request(client, .get, "/api/v1/apps").items().isEmpty)
            let sealed = try Publish.seal(Publish.modelBytes, app: "flow", version: "1", to: platform)
            #expect(try await otto.upload(client, "/api/v1/apps/flow/versions?version=1&runtime=rt@1.0.0", sealed).status == .notFound)
            #expect(try await otto.request(client, .get, "/api/v1/apps/flow/rights").status == .notFound)

            // A grant to a group they are in shows it.
            let group = try await catalog.createGroup(name: "analysts")
            try await catalog.addMember(groupId: group.id, userId: umaId)
            let grant = try await pat.request(client, .put, "/api/v1/apps/flow/rights",
                                              json: ["subject": ["kind": "group", "id": "analysts"], "right": "read"])
            #expect(grant.status == .ok, "\(grant.text)")
            #expect(try grant.array().contains { ($0["subject"] as? [String: Any])?["id"] as? String == group.id })
            #expect(try await uma.request(client, .get, "/api/v1/apps/flow").status == .ok)
            #expect(try await uma.request(client, .get, "/api/v1/apps").items().map { $0["name"] as? String } == ["flow"])
            #expect(try await uma.request(client, .get, "/api/v1/apps/flow/rights").status == .forbidden)

            // A deny on the user wins over the group's allow; removing it restores the allow.
            let deny = try await pat.request(client, .put, "/api/v1/apps/flow/rights",
                                             json: ["subject": ["kind": "user", "id": "uma"], "right": "read", "effect": "deny"])
            #expect(deny.status == .ok)
            #expect(try await uma.request(client, .get, "/api/v1/apps/flow").status == .notFound)
            #expect(try await uma.request(client, .get, "/api/v1/apps").items().isEmpty)
            let revoke = try await pat.request(client, .delete, "/api/v1/apps/flow/rights?kind=user&id=\(umaId)&right=read")
            #expect(revoke.status == .noContent)
            #expect(try await uma.request(client, .get, "/api/v1/apps/flow").status == .ok)

            // Reading is not publishing: a publisher needs the publish right on this app.
            for right in ["read"] {
                #expect(try await pat.request(client, .put, "/api/v1/apps/flow/rights",
                                              json: ["subject": ["kind": "user", "id": "otto"], "right": right]).status == .ok)
            }
            #expect(try await otto.upload(client, "/api/v1/apps/flow/versions?version=1&runtime=rt@1.0.0", sealed).status == .forbidden)
            #expect(try await pat.request(client, .put, "/api/v1/apps/flow/rights",
                                          json: ["subject": ["kind": "user", "id": "otto"], "right": "publish"]).status == .ok)
            #expect(try await otto.upload(client, "/api/v1/apps/flow/versions?version=1&runtime=rt@1.0.0", sealed).status == .created)
            let rights = try await otto.request(client, .get, "/api/v1/apps/flow/rights")
            #expect(rights.status == .ok)
            #expect(try rights.array().count == 5)  // pat read+publish, analysts read, otto read+publish

            // Bad grants are 400, unknown subjects 404; admins see every app.
            #expect(try await pat.request(client, .put, "/api/v1/apps/flow/rights",
                                          json: ["subject": ["kind": "robot", "id": "x"], "right": "read"]).status == .badRequest)
            #expect(try await pat.request(client, .put, "/api/v1/apps/flow/rights",
                                          json: ["subject": ["kind": "user", "id": "uma"], "right": "own"]).status == .badRequest)
            #expect(try await pat.request(client, .put, "/api/v1/apps/flow/rights",
                                          json: ["subject": ["kind": "group", "id": "nobody"], "right": "read"]).status == .notFound)
            let admin = try await Caller.token(app, user: "admin")
            #expect(try await admin.request(client, .get, "/api/v1/apps").items().map { $0["name"] as? String } == ["flow"])
            #expect(try await uma.request(client, .post, "/api/v1/apps", json: ["name": "mine", "title": "Mine"]).status == .forbidden)
        }
    }
}
