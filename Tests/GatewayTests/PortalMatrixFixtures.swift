import Catalog
import Foundation
import Gateway
import HummingbirdTesting
import Testing

/// The API matrix's world (``MatrixFixtures``) plus a hidden version 1.2.0 of demo (1.0.0 stays
/// the latest) and a portal log-on for each caller.
struct PortalMatrixFixtures: Sendable {
    var api: MatrixFixtures
    var sessions: [MatrixCaller: PortalSession] = [:]

    static func make(_ client: any TestClientProtocol, _ app: AtriumApplication) async throws -> PortalMatrixFixtures {
        var fixtures = PortalMatrixFixtures(api: try await MatrixFixtures.make(client, app))
        try await hideVersion(client, app, fixtures.api)
        for caller in MatrixCaller.allCases {
            guard let account = caller.account else { continue }
            fixtures.sessions[caller] = try await PortalSession.logon(client, account, PortalMatrixRow.password(caller))
        }
        return fixtures
    }

    /// Uploads the sealed 1.2.0 as pat, keeps 1.0.0 the latest and hides 1.2.0.
    static func hideVersion(_ client: any TestClientProtocol, _ app: AtriumApplication, _ fixtures: MatrixFixtures) async throws {
        let pat = fixtures.callers[.publisher]!
        let uploaded = try await pat.upload(client, "/api/v1/apps/demo/versions?version=1.2.0&runtime=rt@1.0.0", fixtures.blobs["sealed"]!)
        #expect(uploaded.status == .created, "\(uploaded.text)")
        try await app.atrium.catalog.setLatest(app: "demo", version: "1.0.0")
        try await app.atrium.catalog.setHidden(app: "demo", version: "1.2.0", true)
    }
}
