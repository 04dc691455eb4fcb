import Catalog
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct CaseRouteTests {
    @Test func saveTwoVersionsListHistoryAndRestoreBothByteForByte() async throws {
        try await TestGateway.with { client, app in
            let (alice, _) = try await CaseFixture.setUp(app)
            let v1 = CaseFixture.csv(revision: 1), v2 = CaseFixture.csv(revision: 2)
            #expect(v1.count > 2 << 20 && v1 != v2)
            let id = try await CaseFixture.create(client, alice, name: "Q1 plan", v1)

            let created = try await alice.request(client, .get, "/api/v1/cases/\(id)")
            #expect(created.status == .ok)
            let etag1 = try #require(created.headers[.eTag])
            #expect(try created.object()["headNumber"] as? Int == 1)
            #expect(try created.object()["access"] as? String == "owner")

            let saved = try await CaseFixture.upload(client, alice, "/api/v1/cases/\(id)/versions", v2,
                                                     digest: CaseFixture.sha256(v2), headers: [HTTPField.Name("If-Match")!: etag1])
            #expect(saved.status == .created, "\(saved.text)")
            #expect(try saved.object()["headNumber"] as? Int == 2)
            #expect(saved.headers[.eTag] != etag1)

            // A save based on the old head is refused: the case moved on.
            let stale = try await CaseFixture.upload(client, alice, "/api/v1/cases/\(id)/versions", v1,
                                                     headers: [HTTPField.Name("If-Match")!: etag1])
            #expect(stale.status == .preconditionFailed)

            let history = try await alice.request(client, .get, "/api/v1/cases/\(id)/versions")
            #expect(history.status == .ok)
            let versions = try #require(try JSONSerialization.jsonObject(with: Data(history.body.readableBytesView)) as? [[String: Any]])
            #expect(versions.map { $0["number"] as? Int } == [2, 1])
            #expect(versions.map { $0["contentSHA256"] as? String } == [CaseFixture.sha256(v2), CaseFixture.sha256(v1)])
            #expect(versions.map { $0["size"] as? Int } == [v2.count, v1.count])

            for (number, data) in [(1, v1), (2, v2)] {
                let content = try await CaseFixture.download(client, alice, id, number)
                #expect(content.status == .ok)
                #expect(content.headers[.contentType] == "application/octet-stream")
                #expect(content.headers[StreamingUpload.digestHeader] == CaseFixture.sha256(data))
                #expect(content.headers[.contentLength] == String(data.count))
                #expect(Array(content.body.readableBytesView) == data, "version \(number)")
            }
            #expect(try await CaseFixture.download(client, alice, id, 3).status == .notFound)
            // A version number is a whole number from 1 (the route's rule): anything else is 400.
            #expect(try await CaseFixture.download(client, alice, id, 0).status == .badRequest)
            #expect(try await alice.request(client, .get, "/api/v1/cases/\(id)/versions/abc/content").status == .badRequest)

            let list = try await alice.request(client, .get, "/api/v1/cases?app=forecast")
            let items = try #require(try list.object()["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == [id])
            #expect(items.first?["name"] as? String == "Q1 plan")
            let duplicate = try await CaseFixture.upload(client, alice, "/api/v1/cases?app=forecast&name=Q1%20plan", v1)
            #expect(duplicate.status == .conflict)

            let audit = try await app.atrium.catalog.auditLog(target: "case:\(id)").map(\.action)
            #expect(audit == ["case.save", "case.create"])
        }
    }

    @Test func sharingGivesReadOrWriteAndEveryoneElseGets404() async throws {
        try await TestGateway.with { client, app in
            let (alice, bob) = try await CaseFixture.setUp(app)
            let data = CaseFixture.csv(rows: 2_000)
            let id = try await CaseFixture.create(client, alice, name: "shared", data)
            let casePath = "/api/v1/cases/\(id)"

            // Not shared: bob cannot tell the case exists.
            #expect(try await bob.request(client, .get, casePath).status == .notFound)
            #expect(try await bob.request(client, .get, casePath + "/versions").status == .notFound)
            #expect(try await CaseFixture.download(client, bob, id, 1).status == .notFound)
            #expect(try await CaseFixture.upload(client, bob, casePath + "/versions", data).status == .notFound)
            #expect(try await bob.request(client, .delete, casePath).status == .notFound)
            #expect(try await bob.request(client, .put, casePath + "/shares", json: ["subject": ["kind": "user", "id": "bob"], "access": "write"]).status == .notFound)
            let bobs = try await bob.request(client, .get, "/api/v1/cases").object()
            #expect((bobs["items"] as? [Any])?.isEmpty == true)

            let shared = try await alice.request(client, .put, casePath + "/shares", json: ["subject": ["kind": "user", "id": "bob"], "access": "read"])
            #expect(shared.status == .ok, "\(shared.text)")
            #expect(shared.text.contains("\"access\":\"read\""))
            let seen = try await bob.request(client, .get, casePath)
            #expect(seen.status == .ok)
            #expect(try seen.object()["access"] as? String == "read")
            let download = try await CaseFixture.download(client, bob, id, 1)
            #expect(Array(download.body.readableBytesView) == data)
            #expect(try await CaseFixture.upload(client, bob, casePath + "/versions", data).status == .forbidden)
            #expect(try await bob.request(client, .delete, casePath).status == .forbidden)
            #expect(try await bob.request(client, .delete, casePath + "/shares/user/bob").status == .forbidden)
            let bobsList = try #require(try (try await bob.request(client, .get, "/api/v1/cases")).object()["items"] as? [[String: Any]])
            #expect(bobsList.map { $0["access"] as? String } == ["read"])

            // A write share through a group lets bob save.
            let catalog = app.atrium.catalog
            let group = try await catalog.createGroup(name: "analysts")
            try await catalog.addMember(groupId: group.id, userId: try #require(try await catalog.user(named: "bob")).id)
            #expect(try await alice.request(client, .put, casePath + "/shares", json: ["subject": ["kind": "group", "id": "analysts"], "access": "write"]).status == .ok)
            let bobSaved = try await CaseFixture.upload(client, bob, casePath + "/versions", CaseFixture.csv(rows: 2_000, revision: 5))
            #expect(bobSaved.status == .created, "\(bobSaved.text)")
            #expect(try bobSaved.object()["headNumber"] as? Int == 2)

            #expect(try await alice.request(client, .delete, casePath + "/shares/user/bob").status == .noContent)
            #expect(try await alice.request(client, .delete, casePath + "/shares/group/analysts").status == .noContent)
            #expect(try await bob.request(client, .get, casePath).status == .notFound)
            #expect(try await alice.request(client, .put, casePath + "/shares", json: ["subject": ["kind": "robot", "id": "bob"], "access": "read"]).status == .badRequest)
            #expect(try await alice.request(client, .put, casePath + "/shares", json: ["subject": ["kind": "user", "id": "nobody"], "access": "read"]).status == .notFound)
            #expect(try await alice.request(client, .put, casePath + "/shares", json: ["subject": ["kind": "user", "id": "bob"], "access": "owner"]).status == .badRequest)

            #expect(try await alice.request(client, .delete, casePath).status == .noContent)
            #expect(try await alice.request(client, .get, casePath).status == .notFound)
            #expect(try await CaseFixture.download(client, alice, id, 1).status == .notFound)
        }
    }

    @Test func wrongDigestOversizeAndWrongTypeSaveNothing() async throws {
        try await TestGateway.with(maxUploadBytes: 1 << 20) { client, app in
            let (alice, _) = try await CaseFixture.setUp(app)
            let data = CaseFixture.csv(rows: 5_000)
            let blobsBefore = try app.atrium.blobs.list().count
            let wrong = try await CaseFixture.upload(client, alice, "/api/v1/cases?app=forecast&name=a", data,
                                                     digest: String(repeating: "0", count: 64))
            #expect(wrong.status == .unprocessableContent, "\(wrong.text)")
            let big = try await CaseFixture.upload(client, alice, "/api/v1/cases?app=forecast&name=b", CaseFixture.csv(rows: 40_000))
            #expect(big.status == .contentTooLarge)
            let text = try await alice.request(client, .post, "/api/v1/cases?app=forecast&name=c", headers: [.contentType: "text/csv"],
                                               body: ByteBuffer(bytes: data))
            #expect(text.status == .unsupportedMediaType)
            #expect(try await CaseFixture.upload(client, alice, "/api/v1/cases?app=forecast&name=d", data, digest: "xyz").status == .badRequest)
            let none = try await alice.request(client, .get, "/api/v1/cases")
            #expect(try #require(try none.object()["items"] as? [Any]).isEmpty)
            #expect(try app.atrium.blobs.list().count == blobsBefore)

            // A wrong digest on a new version leaves the head where it was.
            let id = try await CaseFixture.create(client, alice, name: "kept", data)
            let refused = try await CaseFixture.upload(client, alice, "/api/v1/cases/\(id)/versions", CaseFixture.csv(rows: 5_000, revision: 1),
                                                       digest: CaseFixture.sha256(data))
            #expect(refused.status == .unprocessableContent)
            #expect(try (try await alice.request(client, .get, "/api/v1/cases/\(id)")).object()["headNumber"] as? Int == 1)
        }
    }

    @Test func hostileNamesAndIdsAre400Or404NeverServerErrors() async throws {
        try await TestGateway.with { client, app in
            let (alice, bob) = try await CaseFixture.setUp(app)
            let data = Array("a,b\n1,2\n".utf8)
            // No read right on the app, or no such app: 404 (apps one may not read do not exist).
            #expect(try await CaseFixture.upload(client, bob, "/api/v1/cases?app=forecast&name=x", data).status == .notFound)
            #expect(try await CaseFixture.upload(client, alice, "/api/v1/cases?app=nope&name=x", data).status == .notFound)
            for app in ["x'%3B%20DROP%20TABLE%20cases%3B--", "..%2F..%2Fetc%2Fpasswd", "Forecast", "%00"] {
                let response = try await CaseFixture.upload(client, alice, "/api/v1/cases?app=\(app)&name=x", data)
                #expect(response.status == .badRequest, "app \(app)")
                #expect(try await alice.request(client, .get, "/api/v1/cases?app=\(app)").status == .badRequest)
            }
            #expect(try await CaseFixture.upload(client, alice, "/api/v1/cases?app=forecast", data).status == .badRequest)
            #expect(try await CaseFixture.upload(client, alice, "/api/v1/cases?app=forecast&name=a%0Ab", data).status == .badRequest)
            #expect(try await CaseFixture.upload(client, alice, "/api/v1/cases?app=forecast&name=", data).status == .badRequest)
            #expect(try await CaseFixture.upload(client, alice, "/api/v1/cases?app=forecast&name=" + String(repeating: "n", count: 300), data).status == .badRequest)
            // Case names are free text stored verbatim (bound, never spliced into SQL or paths).
            for name in ["x'; DROP TABLE cases;--", "../../etc/passwd"] {
                let id = try await CaseFixture.create(client, alice, name: name, data)
                #expect(try (try await alice.request(client, .get, "/api/v1/cases/\(id)")).object()["name"] as? String == name)
            }
            let listed = try await alice.request(client, .get, "/api/v1/cases")
            #expect(try #require(try listed.object()["items"] as? [Any]).count == 2)
            let firstPage = try await alice.request(client, .get, "/api/v1/cases?app=forecast&limit=1")
            #expect(try (firstPage.object()["items"] as? [Any])?.count == 1)
            #expect(try firstPage.object()["nextOffset"] as? Int == 1)
            let lastPage = try await alice.request(client, .get, "/api/v1/cases?app=forecast&limit=1&offset=1")
            #expect(try (lastPage.object()["items"] as? [Any])?.count == 1)
            #expect(try lastPage.object()["nextOffset"] == nil)
            // Ids are 1-64 characters (the route's rule): a longer one is 400, an unknown one 404.
            for (id, status) in [("..%2F..%2Fetc%2Fpasswd", HTTPResponse.Status.notFound), ("x'%20OR%201%3D1--", .notFound),
                                 (String(repeating: "9", count: 500), .badRequest)] {
                #expect(try await alice.request(client, .get, "/api/v1/cases/\(id)").status == status, "id \(id)")
                #expect(try await alice.request(client, .delete, "/api/v1/cases/\(id)").status == status)
                #expect(try await CaseFixture.download(client, alice, id, 1).status == status)
            }
        }
    }
}
