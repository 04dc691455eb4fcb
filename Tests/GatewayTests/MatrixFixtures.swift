import Catalog
import Foundation
import Gateway
import HummingbirdTesting
import Testing

/// The world every matrix cell starts from: four accounts with API tokens (all scopes they may
/// have), and the objects the routes' path parameters name.
struct MatrixFixtures: Sendable {
    var callers: [MatrixCaller: Caller] = [.anonymous: .anonymous]
    var ids: [String: String] = [:]
    /// Upload bodies made during setup (a signed package, a sealed app version).
    var blobs: [String: [UInt8]] = [:]

    static func make(_ client: any TestClientProtocol, _ app: AtriumApplication) async throws -> MatrixFixtures {
        var fixtures = MatrixFixtures()
        let catalog = app.atrium.catalog
        let alice = try await Caller.makeUser(app, "alice")
        let bob = try await Caller.makeUser(app, "bob")
        let pat = try await Caller.makeUser(app, "pat", role: .publisher)
        fixtures.ids["alice"] = alice.id
        fixtures.ids["bob"] = bob.id
        fixtures.ids["pat"] = pat.id
        fixtures.callers[.user] = try await Caller.token(app, user: "alice")
        fixtures.callers[.other] = try await Caller.token(app, user: "bob")
        fixtures.callers[.publisher] = try await Caller.token(app, user: "pat")
        fixtures.callers[.admin] = try await Caller.token(app, user: "admin", scopes: ["read", "write", "admin"])
        try await MatrixFixtures.extend(&fixtures, client, app, catalog)
        return fixtures
    }

    func path(_ template: String) -> String {
        var path = template
        for (key, value) in ids { path = path.replacingOccurrences(of: "{\(key)}", with: value) }
        return path
    }
}
