import Catalog
import Foundation
import Gateway
import HummingbirdTesting

extension TestGateway {
    /// Runs `body` against a fresh gateway whose uploads may be at most `maxUploadBytes`.
    static func with(maxUploadBytes: Int64,
                     _ body: @Sendable (any TestClientProtocol, AtriumApplication) async throws -> Void) async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var configuration = configuration(dir)
        configuration.maxUploadBytes = maxUploadBytes
        let app = try await buildApplication(configuration)
        try await app.test(.router) { client in try await body(client, app) }
    }
}
