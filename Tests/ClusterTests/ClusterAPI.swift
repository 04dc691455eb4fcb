import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// HTTPS calls to the nodes of a test cluster, trusting only the cluster's certificate, as the
/// admin with an API token (read, write, admin) made through the API.
final class ClusterAPI: @unchecked Sendable {
    struct Reply: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func object() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw Shell.Failure(command: "decode", status: Int32(status), output: text)
            }
            return object
        }
    }

    let http: HTTPClient
    private let lock = NSLock()
    private var token = ""

    init(certificate: String) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate))
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async { try? await http.shutdown() }

    /// One call; `path` starts with `/`. JSON bodies from `json`, raw bodies from `body`.
    func call(_ base: String, _ method: HTTPMethod, _ path: String, json: Any? = nil, body: Data? = nil,
              contentType: String = "application/octet-stream", headers: [(String, String)] = [],
              bearer: Bool = true, timeout: TimeAmount = .seconds(30)) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        let token = lock.withLock { self.token }
        if bearer, !token.isEmpty { request.headers.add(name: "Authorization", value: "Bearer " + token) }
        // A session's pages are on its own host (`<id>.sessions.localhost`), at the node's address.
        if path.hasPrefix("/s/"), !headers.contains(where: { $0.0.lowercased() == "host" }) {
            let session = path.dropFirst(3).prefix { $0 != "/" && $0 != "?" }
            request.headers.add(name: "Host", value: "\(session).sessions.localhost:\(base.split(separator: ":").last ?? "")")
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
        } else if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await http.execute(request, timeout: timeout)
        let collected = try await response.body.collect(upTo: 16 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Data(collected.readableBytesView))
    }

    /// Logs on as `name` and makes an API token with every scope; later calls carry it.
    func logOn(_ base: String, name: String, password: String) async throws {
        var request = HTTPClientRequest(url: base + "/api/v1/session")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["name": name, "password": password])))
        let response = try await http.execute(request, timeout: .seconds(30))
        let logon = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
        guard response.status == .ok, let csrf = (try JSONSerialization.jsonObject(with: logon) as? [String: Any])?["csrfToken"] as? String else {
            throw Shell.Failure(command: "log on", status: Int32(response.status.code), output: String(decoding: logon, as: UTF8.self))
        }
        guard let cookie = response.headers["Set-Cookie"].first?.split(separator: ";").first.map(String.init) else {
            throw Shell.Failure(command: "log on", status: 0, output: "no cookie")
        }
        let created = try await call(base, .POST, "/api/v1/tokens", json: ["name": "cluster-tests", "scopes": ["read", "write", "admin"]],
                                     headers: [("Cookie", cookie), ("X-CSRF-Token", csrf)], bearer: false)
        guard created.status == 201, let secret = try created.object()["secret"] as? String else {
            throw Shell.Failure(command: "create token", status: Int32(created.status), output: created.text)
        }
        lock.withLock { token = secret }
    }
}

/// The calls the cluster tests make, against any node.
extension ClusterAPI {
    /// A new case of the app `cluster` whose content is `content` (one line, see Fixtures/README.md).
    func createCase(_ base: String, name: String, content: String) async throws -> String {
        let reply = try await call(base, .POST, "/api/v1/cases?app=cluster&name=\(name)", body: Data((content + "\n").utf8))
        guard reply.status == 201, let id = try reply.object()["id"] as? String else {
            throw Shell.Failure(command: "create case \(name)", status: Int32(reply.status), output: reply.text)
        }
        return id
    }

    /// Queues a solve of the case's newest version; returns the job id.
    func submitJob(_ base: String, case id: String, timeoutSeconds: Int = 900) async throws -> String {
        let reply = try await call(base, .POST, "/api/v1/jobs", json: ["case": id, "priority": 5, "timeoutSeconds": timeoutSeconds])
        guard reply.status == 201 || reply.status == 200 || reply.status == 202, let job = try reply.object()["id"] as? String else {
            throw Shell.Failure(command: "submit job", status: Int32(reply.status), output: reply.text)
        }
        return job
    }

    func job(_ base: String, _ id: String) async throws -> [String: Any] {
        let reply = try await call(base, .GET, "/api/v1/jobs/\(id)")
        guard reply.status == 200 else { throw Shell.Failure(command: "GET job \(id)", status: Int32(reply.status), output: reply.text) }
        return try reply.object()
    }

    func caseRecord(_ base: String, _ id: String) async throws -> [String: Any] {
        let reply = try await call(base, .GET, "/api/v1/cases/\(id)")
        guard reply.status == 200 else { throw Shell.Failure(command: "GET case \(id)", status: Int32(reply.status), output: reply.text) }
        return try reply.object()
    }

    /// `GET /api/v1/cluster` (the cluster features): `{"master": {...} | null, "nodes": [...]}`.
    func cluster(_ base: String) async throws -> ClusterView {
        let reply = try await call(base, .GET, "/api/v1/cluster", timeout: .seconds(10))
        guard reply.status == 200 else {
            throw Shell.Failure(command: "GET /api/v1/cluster on \(base) (cluster features)", status: Int32(reply.status), output: reply.text)
        }
        return try ClusterView(reply.object())
    }

    func installLicense(_ base: String, file: String) async throws {
        let reply = try await call(base, .PUT, "/api/v1/license", body: try Data(contentsOf: URL(fileURLWithPath: file)),
                                   contentType: "application/json")
        guard reply.status == 200 else { throw Shell.Failure(command: "PUT license", status: Int32(reply.status), output: reply.text) }
    }
}
