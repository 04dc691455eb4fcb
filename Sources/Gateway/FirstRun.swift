import Catalog
import Foundation
import Logging

/// The first start of an empty catalog: creates the `admin` user with the configured initial
/// password or a random one, which is returned so `atrium serve` can print it once. It is never
/// logged.
enum FirstRun {
    static func ensureAdmin(_ catalog: Catalog, configuration: GatewayConfiguration, logger: Logger) async throws -> String? {
        guard try await catalog.userCount() == 0 else { return nil }
        let password = configuration.initialAdminPassword ?? randomPassword()
        do {
            try await catalog.createUser(name: "admin", displayName: "Administrator", password: password, role: .admin)
        } catch CatalogError.conflict {
            return nil  // another node of the cluster made it first
        }
        logger.notice("created the first admin user", metadata: ["user": "admin"])
        return configuration.initialAdminPassword == nil ? password : nil
    }

    /// 20 characters from an alphabet without look-alikes (about 110 bits).
    static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var random = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
    }
}
