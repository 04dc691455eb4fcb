import Catalog
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

/// Helpers for the publishing API tests: a gateway with a chosen upload limit, trusted
/// publisher keys, signed packages and sealed apps made in the test.
enum Publish {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures").path

    /// Like ``TestGateway/with(requestsPerSecond:_:)``, with `maxUploadBytes` and the directory.
    static func with(maxUploadBytes: Int64 = 64 << 20,
                     _ body: @Sendable (any TestClientProtocol, AtriumApplication, TestDirectory) async throws -> Void) async throws {
        try await TestGateway.withDirectory(maxUploadBytes: maxUploadBytes, body)
    }

    /// A fresh publisher key, trusted in the catalog from an hour ago.
    static func trustedKey(_ app: AtriumApplication, name: String = "acme") async throws -> PublisherKeyPair {
        let key = PublisherKeyPair.generate(name: name)
        try await app.atrium.catalog.addTrustedKey(TrustedKey(publisher: key.publicKey, validFrom: Date() - 3600))
        return key
    }

    /// A package file: `archive` signed as name@version with `key`.
    static func package(_ key: PublisherKeyPair, name: String = "rt", version: String = "1.0.0",
                        archive: [UInt8] = Array("runtime archive bytes".utf8)) throws -> [UInt8] {
        let envelope = try PackageSigner.sign(archive: MemorySource(archive), name: name, version: version,
                                              platform: "linux-x86_64", expires: nil, key: key)
        let sink = MemorySink()
        try PackageFile.write(envelope: envelope, archive: MemorySource(archive), to: sink)
        return sink.bytes
    }

    static func fixture(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: fixtures + "/" + path)))
    }

    /// `plaintext` sealed as app@version to `key` (small chunks, so there are several).
    static func seal(_ plaintext: [UInt8], app: String, version: String, to key: AppPublicKey) throws -> [UInt8] {
        let sink = MemorySink()
        try AppSealer.seal(plaintext: MemorySource(plaintext), app: app, version: version, to: key, into: sink, chunkSize: 1024)
        return sink.bytes
    }

    /// The platform key as `GET /app-key` hands it out.
    static func platformKey(_ client: any TestClientProtocol, _ caller: Caller) async throws -> AppPublicKey {
        let response = try await caller.request(client, .get, "/api/v1/app-key")
        #expect(response.status == .ok)
        let text = try #require(try response.object()["publicKey"] as? String)
        return try AppPublicKey(fileJSON: Array(text.utf8))
    }

    static let modelBytes = Array((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
}

extension Caller {
    /// POSTs `bytes` as `application/octet-stream` (or `contentType`).
    func upload(_ client: any TestClientProtocol, _ uri: String, _ bytes: [UInt8], contentType: String = "application/octet-stream",
                headers extra: HTTPFields = [:], method: HTTPRequest.Method = .post) async throws -> TestResponse {
        var headers = extra
        headers[.contentType] = contentType
        return try await request(client, method, uri, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    /// A publisher (or other role) made in the catalog, calling with a read+write token.
    static func publisher(_ app: AtriumApplication, _ name: String, role: Role = .publisher) async throws -> Caller {
        try await makeUser(app, name, role: role)
        return try await token(app, user: name)
    }
}

extension TestResponse {
    /// The `items` of a page, each as a JSON object.
    func items() throws -> [[String: Any]] {
        try #require(try object()["items"] as? [[String: Any]])
    }

    /// The body as a JSON array of objects.
    func array() throws -> [[String: Any]] {
        try #require(JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [[String: Any]], "\(text)")
    }

    var detail: String { ((try? object())?["detail"] as? String) ?? "" }
}
