import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The gateway's API as a data session uses it, `Authorization: Bearer`: plain HTTP over the Unix
/// socket `ATRIUM_API_SOCKET` at the path of `ATRIUM_API_URL` (how the gateway runs it: the only
/// way out of its sandbox); without a socket (run by hand, or by the runtime's own tests),
/// `ATRIUM_API_URL` over HTTPS trusting only `ATRIUM_CA_FILE`, with hostname verification.
final class GatewayClient: Sendable {
    let baseURL: String
    let app: String
    private let token: String
    private let http: HTTPClient

    /// The biggest answer read (a case's content).
    static let maxBody = 128 << 20

    convenience init(socket: String, apiURL: String, token: String, app: String) throws {
        guard socket.hasPrefix("/"), let encoded = socket.addingPercentEncoding(withAllowedCharacters: .alphanumerics) else {
            throw RuntimeEnvironment.Missing.invalid("ATRIUM_API_SOCKET", "'\(socket.prefix(64))' is not an absolute path")
        }
        guard let path = URLComponents(string: apiURL)?.path, path.hasPrefix("/") else {
            throw RuntimeEnvironment.Missing.invalid("ATRIUM_API_URL", "'\(apiURL.prefix(64))' is not a URL with a path")
        }
        // AsyncHTTPClient's form for HTTP over a Unix socket: the socket's path, percent-encoded, as the host.
        self.init(baseURL: "http+unix://" + encoded + path, token: token, app: app, configuration: HTTPClient.Configuration())
    }

    convenience init(baseURL: String, token: String, app: String, caFile: String) {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(caFile)
        tls.minimumTLSVersion = .tlsv12
        self.init(baseURL: baseURL, token: token, app: app, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
    }

    private init(baseURL: String, token: String, app: String, configuration: HTTPClient.Configuration) {
        var configuration = configuration
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(120))
        configuration.redirectConfiguration = .disallow
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.app = app
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async { try? await http.shutdown() }

    func createCase(name: String, content: Data) async throws(GatewayError) -> GatewayCase {
        let path = "/cases?app=\(Self.query(app))&name=\(Self.query(name))"
        return try await decode(GatewayCase.self, call(.POST, path, body: content, contentType: "application/octet-stream"))
    }

    func saveVersion(caseId: String, headDigest: String, content: Data) async throws(GatewayError) -> GatewayCase {
        try await decode(GatewayCase.self, call(.POST, "/cases/\(Self.segment(caseId))/versions", body: content,
                                                contentType: "application/octet-stream", ifMatch: "\"\(headDigest)\""))
    }

    func getCase(_ id: String) async throws(GatewayError) -> GatewayCase {
        try await decode(GatewayCase.self, call(.GET, "/cases/\(Self.segment(id))"))
    }

    func listCases() async throws(GatewayError) -> [GatewayCase] {
        try await decode(GatewayItems<GatewayCase>.self, call(.GET, "/cases?app=\(Self.query(app))")).items
    }

    func versions(caseId: String) async throws(GatewayError) -> [GatewayCaseVersion] {
        try await decode([GatewayCaseVersion].self, call(.GET, "/cases/\(Self.segment(caseId))/versions"))
    }

    func content(caseId: String, number: Int64) async throws(GatewayError) -> Data {
        try await call(.GET, "/cases/\(Self.segment(caseId))/versions/\(number)/content")
    }

    /// Queues a solve; `session` (this data session's id) makes the job run with the session's
    /// app version and keeps the session alive while it runs.
    func submitJob(caseId: String, version: Int64, priority: Int = 5, session: String? = nil) async throws(GatewayError) -> GatewayJob {
        struct Submit: Encodable { let `case`: String; let version: Int64; let priority: Int; let session: String? }
        let body: Data
        do { body = try JSONEncoder().encode(Submit(case: caseId, version: version, priority: priority, session: session)) } catch {
            throw .unexpected("\(error)")
        }
        return try await decode(GatewayJob.self, call(.POST, "/jobs", body: body, contentType: "application/json"))
    }

    func job(_ id: String) async throws(GatewayError) -> GatewayJob {
        try await decode(GatewayJob.self, call(.GET, "/jobs/\(Self.segment(id))"))
    }

    /// Asks the gateway to stop a queued or running job (it then ends `cancelled`, saving nothing).
    func cancelJob(_ id: String) async throws(GatewayError) -> GatewayJob {
        try await decode(GatewayJob.self, call(.POST, "/jobs/\(Self.segment(id))/cancel"))
    }

    private func call(_ method: HTTPMethod, _ path: String, body: Data? = nil, contentType: String? = nil,
                      ifMatch: String? = nil) async throws(GatewayError) -> Data {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "application/json")
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let ifMatch { request.headers.add(name: "If-Match", value: ifMatch) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let status: Int
        let bytes: ByteBuffer
        do {
            let response = try await http.execute(request, timeout: .seconds(120))
            status = Int(response.status.code)
            bytes = try await response.body.collect(upTo: Self.maxBody)
        } catch {
            throw .transport("\(error)")
        }
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(status) else {
            let problem = try? JSONDecoder().decode(GatewayProblem.self, from: data)
            throw .problem(status: status, title: problem?.title ?? "HTTP \(status)",
                           detail: problem?.detail ?? "The gateway answered \(status) to \(method.rawValue) \(path.split(separator: "?")[0]).")
        }
        return data
    }

    private func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws(GatewayError) -> T {
        do { return try JSONDecoder().decode(type, from: data) } catch { throw .unexpected("\(error)") }
    }

    /// A path segment with everything but unreserved characters percent-encoded.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    static func query(_ text: String) -> String { segment(text) }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
