import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A browser-like portal user for router tests: logs on through the log-on form, keeps the
/// cookie, reads the CSRF token from a page's `<meta name="csrf-token">`, and posts forms.
struct PortalSession: Sendable {
    var cookie: String
    var csrf: String

    /// Logs `name` on through `POST /logon` (with the portal's own Origin).
    static func logon(_ client: any TestClientProtocol, _ name: String, _ password: String) async throws -> PortalSession {
        let response = try await client.execute(uri: "/logon", method: .post, headers: formHeaders(origin: "https://localhost"),
                                                body: ByteBuffer(string: encode(["name": name, "password": password]))) { $0 }
        #expect(response.status == .seeOther, "log-on of \(name): \(response.text)")
        let setCookie = try #require(response.headers[.setCookie])
        let secret = try #require(setCookie.split(separator: ";").first)
        var session = PortalSession(cookie: String(secret), csrf: "")
        let home = try await session.get(client, "/")
        session.csrf = try #require(Self.csrf(in: home.text))
        return session
    }

    static func formHeaders(origin: String? = nil) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let origin { headers[.origin] = origin }
        return headers
    }

    static func encode(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.sorted { $0.key < $1.key }.map {
            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    /// The token in a page's `<meta name="csrf-token" content="…">`.
    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"<meta name="csrf-token" content=""#) else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    func get(_ client: any TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { $0 }
    }

    /// Posts a form with the session's `_csrf` (unless `csrf` says otherwise; nil leaves it out).
    func post(_ client: any TestClientProtocol, _ uri: String, _ fields: [String: String], csrf: String?? = .none) async throws -> TestResponse {
        var fields = fields
        switch csrf {
        case .none: fields["_csrf"] = self.csrf
        case .some(.none): break
        case .some(.some(let value)): fields["_csrf"] = value
        }
        var headers = Self.formHeaders()
        headers[.cookie] = cookie
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: Self.encode(fields))) { $0 }
    }
}
