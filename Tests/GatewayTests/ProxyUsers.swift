import AsyncHTTPClient
import Catalog
import Foundation
import NIOCore
import Testing

/// The two users of the proxy fixtures, made in the gateway's catalog and logged on through the
/// fixture's client: `owner`, whose stand-in session the proxy serves, and `other`, who must be
/// refused it (passwords `owner-password`, `other-password`).
struct ProxyUsers: Sendable {
    let ownerId: String
    let otherId: String
    let ownerCookie: String
    let otherCookie: String

    static func create(in catalog: Catalog, client: HTTPClient, base: String) async throws -> ProxyUsers {
        let owner = try await catalog.createUser(name: "owner", displayName: "Owner", password: "owner-password", role: .user)
        let other = try await catalog.createUser(name: "other", displayName: "Other", password: "other-password", role: .user)
        return ProxyUsers(ownerId: owner.id, otherId: other.id,
                          ownerCookie: try await logon(client, base, "owner"), otherCookie: try await logon(client, base, "other"))
    }

    /// `__Host-atrium_session=…` of a fresh log-on of `name` (password `name-password`).
    static func logon(_ client: HTTPClient, _ base: String, _ name: String) async throws -> String {
        var request = HTTPClientRequest(url: base + "/api/v1/session")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["name": name, "password": name + "-password"])))
        let response = try await client.execute(request, timeout: .seconds(10))
        #expect(response.status == .ok)
        let cookie = try #require(response.headers.first(name: "Set-Cookie"))
        return String(try #require(cookie.split(separator: ";").first))
    }
}
