import Catalog
import Crypto
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Test data and calls for the cases API: an app `forecast` alice may read, CSV-like data,
/// and upload/download helpers.
enum CaseFixture {
    static let app = "forecast"

    /// Makes the app, alice (read right) and bob (no right); returns their token callers.
    static func setUp(_ app: AtriumApplication) async throws -> (alice: Caller, bob: Caller) {
        let catalog = app.atrium.catalog
        _ = try await catalog.createApp(name: Self.app, title: "Forecast")
        let alice = try await Caller.makeUser(app, "alice")
        try await Caller.makeUser(app, "bob")
        try await catalog.grant(app: Self.app, subject: .user(alice.id), right: .read)
        return (try await Caller.token(app, user: "alice"), try await Caller.token(app, user: "bob"))
    }

    /// About `rows` × 60 bytes of CSV; `revision` changes every 50th row.
    static func csv(rows: Int = 80_000, revision: Int = 0) -> [UInt8] {
        var text = "id,region,product,quantity,price\n"
        text.reserveCapacity(rows * 60)
        for row in 0..<rows {
            let quantity = row % 50 == 0 ? row * 7 + revision : row * 7
            text += "\(row),region-\(row % 17),product-\(row % 113),\(quantity),\(Double(row % 997) / 4)\n"
        }
        return Array(text.utf8)
    }

    static func sha256(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }

    static func upload(_ client: any TestClientProtocol, _ caller: Caller, _ uri: String, _ data: [UInt8],
                       digest: String? = nil, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/octet-stream"]
        if let digest { headers[StreamingUpload.digestHeader] = digest }
        for field in extra { headers[field.name] = field.value }
        return try await caller.request(client, .post, uri, headers: headers, body: ByteBuffer(bytes: data))
    }

    /// Saves a new case and returns its id (the test fails unless the answer is 201).
    static func create(_ client: any TestClientProtocol, _ caller: Caller, name: String, _ data: [UInt8]) async throws -> String {
        let query = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let response = try await upload(client, caller, "/api/v1/cases?app=\(app)&name=\(query)", data, digest: sha256(data))
        #expect(response.status == .created, "\(response.text)")
        return try #require(try response.object()["id"] as? String)
    }

    static func download(_ client: any TestClientProtocol, _ caller: Caller, _ id: String, _ number: Int) async throws -> TestResponse {
        try await caller.request(client, .get, "/api/v1/cases/\(id)/versions/\(number)/content")
    }
}
