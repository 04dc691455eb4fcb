import Catalog
import Foundation
import Logging

/// The first start of an empty catalog: creates the `admin` user with the configured initial
/// password or a random one, which is returned so `atrium serve` can print it once. It is never
/// logged.
///
/// A random password is a one-time password: the admin must choose their own at the first
/// log-on (`mustChangePassword`; the portal shows nothing else and the API refuses their portal
/// session until they do). A password the operator configured (`initialAdminPassword`) is not:
/// the operator chose it, typically for scripted installs that log on through the API.
enum FirstRun {
    static func ensureAdmin(_ catalog: Catalog, configuration: GatewayConfiguration, logger: Logger) async throws -> String? {
        guard try await catalog.userCount() == 0 else { return nil }
        let generated = configuration.initialAdminPassword == nil
        let password = configuration.initialAdminPassword ?? randomPassword()
        let admin: User
        do {
            admin = try await catalog.createUser(name: "admin", displayName: "Administrator", password: password, role: .admin)
        } catch CatalogError.conflict {
            return nil  // another node of the cluster made it first
        }
        if generated {
            try await catalog.setPassword(userId: admin.id, password: password, mustChange: true)
        }
        logger.notice("created the first admin user", metadata: ["user": "admin", "mustChangePassword": "\(generated)"])
        return generated ? password : nil
    }

    /// 20 characters from an alphabet without look-alikes (about 110 bits).
    static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var random = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
    }
}
