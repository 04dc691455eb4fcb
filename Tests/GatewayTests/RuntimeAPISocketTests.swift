import AsyncHTTPClient
import Catalog
import Foundation
import Gateway
import Sessions
import Testing

/// The runtimes' API socket (`DATA/run/api.sock`): the REST API over plain HTTP for session
/// tokens only. No cookie, no user token and no anonymous call gets through it, and nothing but
/// the API is served on it.
@Suite struct RuntimeAPISocketTests {
    @Test func onlySessionTokensAreAnswered() async throws {
        let gateway = try await RunningGateway()
        let catalog = gateway.app.atrium.catalog
        let socket = SessionSettings.apiSocketPath(dataDirectory: gateway.directory.path)
        let mode = try FileManager.default.attributesOfItem(atPath: socket)[.posixPermissions] as? Int
        #expect(mode == 0o666, "every session uid may connect")
        let runDirectory = try FileManager.default.attributesOfItem(atPath: (socket as NSString).deletingLastPathComponent)
        #expect(runDirectory[.posixPermissions] as? Int == 0o700, "only through the sandbox's bind mount")
        let user = try await catalog.createUser(name: "ada", displayName: "Ada", password: "ada-password-1", role: .user)
        let session = try await catalog.createToken(userId: user.id, name: "data session", scopes: ["session"],
                                                    expiresAt: Date().addingTimeInterval(3600), by: .system)
        let write = try await catalog.createToken(userId: user.id, name: "own", scopes: ["read", "write"],
                                                  expiresAt: Date().addingTimeInterval(3600), by: .system)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        func status(_ path: String, _ headers: [(String, String)]) async throws -> Int {
            let encoded = socket.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            var request = HTTPClientRequest(url: "http+unix://\(encoded)\(path)")
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            let response = try await client.execute(request, timeout: .seconds(10))
            return Int(response.status.code)
        }
        do {
            #expect(try await status("/api/v1/cases", []) == 401)
            let logOn = try await catalog.createWebSession(userId: user.id, lifetime: 3600)
            #expect(try await status("/api/v1/cases", [("Cookie", "__Host-atrium_session=\(logOn.secret)")]) == 401)
            #expect(try await status("/api/v1/cases", [("Authorization", "Bearer \(write.secret)")]) == 403)
            #expect(try await status("/api/v1/cases", [("Authorization", "Bearer \(session.secret)")]) == 200)
            #expect(try await status("/api/v1/users", [("Authorization", "Bearer \(session.secret)")]) == 403)
            // Only the API: no portal, no operational routes, no session proxy.
            #expect(try await status("/", [("Authorization", "Bearer \(session.secret)")]) == 404)
            #expect(try await status("/metrics", [("Authorization", "Bearer \(session.secret)")]) == 404)
        } catch {
            Issue.record(error)
        }
        try await client.shutdown()
        try await gateway.stop()
    }
}
