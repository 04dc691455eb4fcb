import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import Testing

/// Every API route × every kind of caller, each cell on a fresh gateway (so a DELETE in one cell
/// cannot change another), checked against the explicit table in ``MatrixRow/table``.
@Suite struct AuthorizationMatrixTests {
    @Test func theTableCoversEveryRouteExactlyOnce() async throws {
        try await TestGateway.with { _, app in
            let registered = app.routes.routes.map(\.operationId).sorted()
            let listed = MatrixRow.table.map(\.operationId).sorted()
            #expect(Set(registered).count == registered.count, "operation ids are unique")
            #expect(registered == listed, "missing: \(Set(registered).subtracting(listed)), extra: \(Set(listed).subtracting(registered))")
        }
    }

    @Test(arguments: MatrixRow.table)
    func cell(_ row: MatrixRow) async throws {
        for caller in MatrixCaller.allCases {
            try await TestGateway.with { client, app in
                let route = try #require(app.routes.routes.first { $0.operationId == row.operationId })
                let fixtures = try await MatrixFixtures.make(client, app)
                var uri = fixtures.path(route.routerPath.split(separator: "/").map { part in
                    part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
                }.joined(separator: "/"))
                if !uri.hasPrefix("/") { uri = "/" + uri }
                if let query = row.query { uri += "?" + query(fixtures) }
                let who = fixtures.callers[caller]!
                let response = try await who.request(
                    client, route.method, uri, json: row.json.map { $0(caller, fixtures) },
                    headers: row.bytes != nil ? [.contentType: "application/octet-stream"] : [:],
                    body: row.bytes.map { $0(fixtures) })
                let expected = row.expectation(for: caller)
                #expect(expected.matches(response.status),
                        "\(route.method) \(uri) as \(caller): expected \(expected), got \(response.status.code) \(response.text.prefix(300))")
            }
        }
    }
}
