import Catalog
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Every registered API route against its declared access: anonymous callers get 401 on every
/// protected route, plain users 403 on publisher and admin routes, before any handler runs.
@Suite struct AccessMatrixTests {
    @Test func everyProtectedRouteRefusesTheWrongCaller() async throws {
        try await TestGateway.with { client, app in
            try await Caller.makeUser(app, "alice")
            let user = try await Caller.token(app, user: "alice")
            #expect(app.routes.routes.filter { $0.access == .admin }.count >= 10)
            for route in app.routes.routes where route.access != .anonymous {
                let uri = "/api/v1" + route.path.split(separator: "/", omittingEmptySubsequences: false).map { part in
                    part.hasPrefix("{") ? "x" : String(part)
                }.joined(separator: "/")
                let anonymous = try await Caller.anonymous.request(client, route.method, uri)
                #expect(anonymous.status == .unauthorized, "\(route.method) \(route.path)")
                if route.access == .admin || route.access == .publisher {
                    let refused = try await user.request(client, route.method, uri)
                    #expect(refused.status == .forbidden, "\(route.method) \(route.path)")
                }
            }
        }
    }
}
