import Catalog
import Foundation
import Gateway
import HummingbirdTesting

extension TestGateway {
    /// Runs `body` against a fresh gateway whose uploads may be at most `maxUploadBytes`.
    static func with(maxUploadBytes: Int64,
                     _ body: @Sendable (any TestClientProtocol, AtriumApplication) async throws -> Void) async throws {
        try await withDirectory(maxUploadBytes: maxUploadBytes) { client, app, _ in try await body(client, app) }
    }
}
