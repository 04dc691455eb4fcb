import AsyncHTTPClient
import Catalog
import Foundation
import Gateway
import NIOCore
import Testing

/// The `transfers` quota (issue 16): an admin's per-user limit replaces `transfersPerUser` as
/// that user's share of the transfer slots; past it, 429 naming the quota.
@Suite(.serialized) struct TransferQuotaTests {
    @Test func aTransfersQuotaOfOneRefusesTheSecondConcurrentDownload() async throws {
        let gateway = try await RunningGateway { configuration in configuration.requestsPerSecond = 0 }
        let client = ConnectionAbuseTests.client()
        do {
            let app = gateway.app
            let (alice, _) = try await CaseFixture.setUp(app)
            let caseId = try await ConnectionAbuseTests.save(client, gateway, alice, "/api/v1/cases?app=forecast&name=big",
                                                              [UInt8](repeating: 0x5A, count: 64 << 20))
            let admin = try await Caller.token(app, user: "admin", scopes: ["read", "write", "admin"])
            var put = HTTPClientRequest(url: gateway.base + "/api/v1/users/alice/quotas/transfers")
            put.method = .PUT
            for field in admin.headers { put.headers.add(name: field.name.rawName, value: field.value) }
            put.headers.add(name: "Content-Type", value: "application/json")
            put.body = .bytes(ByteBuffer(string: #"{"limit":1}"#))
            #expect(try await client.execute(put, timeout: .seconds(30)).status == .noContent)

            let aliceAuth = try #require(alice.headers[.authorization])
            let download = "GET /api/v1/cases/\(caseId)/versions/1/content HTTP/1.1\r\nHost: x\r\nAuthorization: \(aliceAuth)\r\n\r\n"
            // The first download stalls (its client stops reading) and keeps its slot.
            let first = try await RawConnection.open(port: gateway.port, receiveBuffer: 4096)
            try await first.send(download)
            try await ConnectionAbuseTests.until("the first download's status line", { first.receivedText.prefix(200) }) { first.status != nil }
            #expect(first.status == 200)
            try await first.reading(false)
            let second = try await RawConnection.open(port: gateway.port)
            try await second.send(download)
            try await ConnectionAbuseTests.until("the second download's status line", { second.receivedText.prefix(200) }) { second.status != nil }
            #expect(second.status == 429)
            #expect(second.receivedText.contains("quota 'transfers'"), "\(second.receivedText)")
            // Her Quotas show the one transfer she runs.
            let mine = try await ConnectionAbuseTests.call(client, gateway, alice, "/api/v1/me/quotas")
            let body = try await mine.body.collect(upTo: 1 << 20)
            let quotas = try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [[String: Any]])
            let transfers = try #require(quotas.first { $0["kind"] as? String == "transfers" })
            #expect(transfers["used"] as? Int == 1 && transfers["limit"] as? Int == 1, "\(transfers)")
            first.close()
            second.close()
        } catch {
            Issue.record(error)
        }
        try await client.shutdown()
        try await gateway.stop()
    }

    /// A case upload that would pass its owner's storage is refused before its body is read: a
    /// client that declares 1 GiB and sends nothing gets its 413 at once.
    @Test func anUploadPastTheStorageQuotaIsRefusedBeforeItsBody() async throws {
        let gateway = try await RunningGateway { configuration in configuration.requestsPerSecond = 0 }
        let client = ConnectionAbuseTests.client()
        do {
            let app = gateway.app
            let (alice, _) = try await CaseFixture.setUp(app)
            let caseId = try await ConnectionAbuseTests.save(client, gateway, alice, "/api/v1/cases?app=forecast&name=small",
                                                              [UInt8](repeating: 0x5A, count: 1000))
            let aliceId = try #require(try await app.atrium.catalog.user(named: "alice")).id
            try await app.atrium.catalog.setQuota(.user(aliceId), kind: .storageBytes, limit: 1 << 20, by: .system)
            let aliceAuth = try #require(alice.headers[.authorization])
            for path in ["/api/v1/cases/\(caseId)/versions", "/api/v1/cases?app=forecast&name=huge"] {
                let upload = try await RawConnection.open(port: gateway.port)
                try await upload.send("POST \(path) HTTP/1.1\r\nHost: x\r\nAuthorization: \(aliceAuth)\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: \(1 << 30)\r\n\r\n")
                try await ConnectionAbuseTests.until("the refusal of \(path)", { upload.receivedText.prefix(400) }) { upload.status != nil }
                #expect(upload.status == 413)
                #expect(upload.receivedText.contains("Your cases use 1000 bytes and this would add 1073741824"), "\(upload.receivedText)")
                #expect(upload.receivedText.contains("(quota 'storageBytes')"))
                upload.close()
            }
            // Within the limit, a save goes through.
            try await ConnectionAbuseTests.save(client, gateway, alice, "/api/v1/cases/\(caseId)/versions", [UInt8](repeating: 0x41, count: 1000))
        } catch {
            Issue.record(error)
        }
        try await client.shutdown()
        try await gateway.stop()
    }
}
