import Catalog
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@Suite struct PackageRouteTests {
    @Test func uploadListGetAgainAndConflict() async throws {
        try await Publish.with { client, app, _ in
            let key = try await Publish.trustedKey(app)
            let pat = try await Caller.publisher(app, "pat")
            let file = try Publish.package(key)

            let first = try await pat.upload(client, "/api/v1/packages", file)
            #expect(first.status == .created, "\(first.text)")
            let object = try first.object()
            #expect(object["name"] as? String == "rt" && object["version"] as? String == "1.0.0")
            #expect(object["archiveDigest"] as? String == BlobDigest.of(Array("runtime archive bytes".utf8)).hex)

            let again = try await pat.upload(client, "/api/v1/packages", file)
            #expect(again.status == .ok)
            let conflicting = try await pat.upload(client, "/api/v1/packages", try Publish.package(key, archive: Array("other".utf8)))
            #expect(conflicting.status == .conflict)
            #expect(try await app.atrium.catalog.package(name: "rt", version: "1.0.0")?.archiveDigest
                    == BlobDigest.of(Array("runtime archive bytes".utf8)))

            let list = try await pat.request(client, .get, "/api/v1/packages")
            #expect(list.status == .ok)
            #expect(try list.items().map { $0["name"] as? String } == ["rt"])
            let one = try await pat.request(client, .get, "/api/v1/packages/rt/1.0.0")
            #expect(one.status == .ok)
            #expect(try one.object()["envelopeDigest"] as? String == object["envelopeDigest"] as? String)
            #expect(try await pat.request(client, .get, "/api/v1/packages/rt/9.9.9").status == .notFound)

            // A plain user may read the list but not upload.
            let user = try await Caller.publisher(app, "uma", role: .user)
            #expect(try await user.request(client, .get, "/api/v1/packages").status == .ok)
            #expect(try await user.upload(client, "/api/v1/packages", file).status == .forbidden)
        }
    }

    @Test func forgedUntrustedAndRevokedPackagesAre422AndNothingIsRegistered() async throws {
        try await Publish.with { client, app, _ in
            let pat = try await Caller.publisher(app, "pat")
            let fixtureKey = try PublisherPublicKey.load(fromFile: Publish.fixtures + "/packages/test-publisher.pub.json")
            try await app.atrium.catalog.addTrustedKey(TrustedKey(publisher: fixtureKey, validFrom: Date(timeIntervalSince1970: 0)))

            let refusals: [(String, String)] = [
                ("forged-signature.atpkg", "bad signature"), ("tampered-statement.atpkg", "bad signature"),
                ("unknown-key.atpkg", "unknown key"), ("swapped-archive.atpkg", "digest"),
                ("truncated-archive.atpkg", "archive has"), ("bad-magic.atpkg", "malformed package file"),
                ("huge-header.atpkg", "malformed package file"), ("expired-statement.atpkg", "expired"),
            ]
            for (file, reason) in refusals {
                let response = try await pat.upload(client, "/api/v1/packages", try Publish.fixture("packages/" + file))
                #expect(response.status == .unprocessableContent, "\(file): \(response.text)")
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.detail.contains(reason), "\(file): \(response.detail)")
            }
            // An untrusted fresh key, and a trusted key revoked since.
            let stranger = PublisherKeyPair.generate(name: "stranger")
            #expect(try await pat.upload(client, "/api/v1/packages", try Publish.package(stranger)).status == .unprocessableContent)
            let revoked = try await Publish.trustedKey(app, name: "gone")
            try await app.atrium.catalog.revokeTrustedKey(id: revoked.id, at: Date() - 60)
            let refused = try await pat.upload(client, "/api/v1/packages", try Publish.package(revoked))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.detail.contains("revoked"))
            #expect(try await app.atrium.catalog.listPackages().isEmpty)

            // The good fixture is accepted with the same trust, and its conflicting twin is not.
            #expect(try await pat.upload(client, "/api/v1/packages", try Publish.fixture("packages/good.atpkg")).status == .created)
            let twin = try await pat.upload(client, "/api/v1/packages", try Publish.fixture("packages/conflicting-version.atpkg"))
            #expect(twin.status == .conflict)
            #expect(try await app.atrium.catalog.listPackages().map(\.name) == ["rt"])
        }
    }

    @Test func sizeLimitContentTypeAndDeclaredDigest() async throws {
        try await Publish.with(maxUploadBytes: 4096) { client, app, _ in
            let key = try await Publish.trustedKey(app)
            let pat = try await Caller.publisher(app, "pat")
            let big = try Publish.package(key, archive: [UInt8](repeating: 7, count: 10_000))
            #expect(try await pat.upload(client, "/api/v1/packages", big).status == .contentTooLarge)

            let file = try Publish.package(key)
            #expect(try await pat.upload(client, "/api/v1/packages", file, contentType: "application/json").status == .unsupportedMediaType)

            let wrong = try await pat.upload(client, "/api/v1/packages", file,
                                             headers: [StreamingUpload.digestHeader: String(repeating: "0", count: 64)])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.detail.contains("declared"))
            #expect(try await pat.upload(client, "/api/v1/packages", file,
                                         headers: [StreamingUpload.digestHeader: "not-hex"]).status == .badRequest)
            #expect(try await app.atrium.catalog.listPackages().isEmpty)

            let right = try await pat.upload(client, "/api/v1/packages", file,
                                             headers: [StreamingUpload.digestHeader: BlobDigest.of(file).hex])
            #expect(right.status == .created)
        }
    }

    @Test func deleteIsRefusedWhileAnAppVersionUsesThePackage() async throws {
        try await Publish.with { client, app, _ in
            let key = try await Publish.trustedKey(app)
            let admin = try await Caller.token(app, user: "admin", scopes: ["read", "write", "admin"])
            let pat = try await Caller.publisher(app, "pat")
            #expect(try await pat.upload(client, "/api/v1/packages", try Publish.package(key)).status == .created)
            #expect(try await pat.upload(client, "/api/v1/packages", try Publish.package(key, version: "2.0.0")).status == .created)
            #expect(try await pat.request(client, .post, "/api/v1/apps", json: ["name": "flow", "title": "Flow"]).status == .created)
            let platform = try await Publish.platformKey(client, pat)
            let sealed = try Publish.seal(Publish.modelBytes, app: "flow", version: "1", to: platform)
            #expect(try await pat.upload(client, "/api/v1/apps/flow/versions?version=1&runtime=rt@1.0.0", sealed).status == .created)

            #expect(try await pat.request(client, .delete, "/api/v1/packages/rt/1.0.0").status == .forbidden)
            let inUse = try await admin.request(client, .delete, "/api/v1/packages/rt/1.0.0")
            #expect(inUse.status == .conflict)
            #expect(inUse.detail.contains("flow"))
            #expect(try await admin.request(client, .delete, "/api/v1/packages/rt/2.0.0").status == .noContent)
            #expect(try await admin.request(client, .delete, "/api/v1/packages/rt/2.0.0").status == .notFound)
            #expect(try await app.atrium.catalog.listPackages().map(\.version) == ["1.0.0"])
        }
    }

    @Test func pathLikeAndSQLLikeNamesAreRefusedNeverAServerError() async throws {
        try await Publish.with { client, app, _ in
            let admin = try await Caller.token(app, user: "admin", scopes: ["read", "write", "admin"])
            try await app.atrium.catalog.createApp(name: "flow", title: "Flow")
            let probes: [(HTTPRequest.Method, String)] = [
                (.get, "/api/v1/packages/..%2F..%2Fetc/passwd"), (.get, "/api/v1/packages/rt/..%2F"),
                (.delete, "/api/v1/packages/x'%20OR%20'1'='1/1"), (.get, "/api/v1/apps/..%2Fflow"),
                (.get, "/api/v1/apps/flow'%3B%20DROP%20TABLE%20apps%3B--"), (.get, "/api/v1/apps/%2E%2E/versions"),
                (.post, "/api/v1/apps/flow/versions?version=..%2F..%2Fx&runtime=rt@1"),
                (.post, "/api/v1/apps/flow/versions?version=1&runtime=rt'%20OR%201=1--@1"),
                (.delete, "/api/v1/apps/flow/rights?kind=user&id='%20OR%201=1--&right=read"),
                (.patch, "/api/v1/apps/flow/versions/..%2F..%2Fetc"),
            ]
            for (method, uri) in probes {
                let response = try await admin.request(client, method, uri, json: method == .patch ? ["hidden": true] : nil)
                #expect([400, 404].contains(response.status.code), "\(method) \(uri): \(response.status) \(response.text)")
            }
            for name in ["../etc", "a'; DROP TABLE apps;--", "Flow", ""] {
                let response = try await admin.request(client, .post, "/api/v1/apps", json: ["name": name, "title": "x"])
                #expect(response.status == .badRequest, "\(name): \(response.text)")
            }
            let grant = try await admin.request(client, .put, "/api/v1/apps/flow/rights",
                                                json: ["subject": ["kind": "user", "id": "' OR 1=1 --"], "right": "read"])
            #expect(grant.status == .notFound)
            #expect(try await app.atrium.catalog.listApps(visibleTo: try #require(try await app.atrium.catalog.user(named: "admin")).id)
                .map(\.name) == ["flow"])
        }
    }
}
