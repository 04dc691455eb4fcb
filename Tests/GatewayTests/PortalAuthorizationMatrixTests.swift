import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import Testing

/// Every portal page and form × every kind of caller (and a hidden version where a route takes
/// one), checked against ``PortalMatrixRow/table``. Pages are read on one gateway per row; each
/// form cell runs on a fresh gateway (so a delete in one cell cannot change another).
@Suite struct PortalAuthorizationMatrixTests {
    @Test func theTableCoversEveryPortalRoute() async throws {
        try await TestGateway.with { _, app in
            let registered = app.routes.portalRoutes.map(\.description)
            let listed = Set(PortalMatrixRow.table.map(\.route))
            #expect(Set(registered).count == registered.count, "portal routes are registered once")
            #expect(Set(registered) == listed,
                    "missing: \(Set(registered).subtracting(listed).sorted()), extra: \(listed.subtracting(registered).sorted())")
        }
    }

    @Test(arguments: PortalMatrixRow.table)
    func cell(_ row: PortalMatrixRow) async throws {
        if row.method == .get {
            try await TestGateway.with { client, app in
                let fixtures = try await PortalMatrixFixtures.make(client, app)
                for caller in MatrixCaller.allCases { try await check(row, caller, client, fixtures) }
            }
        } else {
            for caller in MatrixCaller.allCases {
                try await TestGateway.with { client, app in
                    try await check(row, caller, client, try await PortalMatrixFixtures.make(client, app))
                }
            }
        }
    }

    func check(_ row: PortalMatrixRow, _ caller: MatrixCaller, _ client: any TestClientProtocol, _ fixtures: PortalMatrixFixtures) async throws {
        var uri = fixtures.api.path(row.path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }.joined(separator: "/"))
        if let query = row.query { uri += "?" + query }
        let response: TestResponse
        if let session = fixtures.sessions[caller] {
            response = row.method == .get ? try await session.get(client, uri)
                : try await session.post(client, uri, row.fields?(caller, fixtures.api) ?? [:])
        } else {
            response = try await client.execute(uri: uri, method: row.method, headers: PortalSession.formHeaders()) { $0 }
        }
        let context = "\(row) \(uri) as \(caller): got \(response.status.code) \(response.text.prefix(300))"
        guard caller != .anonymous else {
            #expect(response.status == .seeOther && response.headers[.location] == "/logon", "\(context)")
            return
        }
        let expected = row.expectation(for: caller)
        #expect(expected.matches(response.status), "expected \(expected): \(context)")
    }
}
