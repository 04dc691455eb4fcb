import Catalog
import Foundation
import Sessions
import Store

/// Installing a license, for the API and the portal alike: verify against the trusted keys
/// now, record it as the newest, and make the gate read it again.
enum LicenseInstall {
    @discardableResult
    static func perform(_ bytes: [UInt8], services: AtriumServices, by actor: AuditActor) async throws -> LicenseStatement {
        let catalog = services.catalog
        let envelope: SignedLicense
        let statement: LicenseStatement
        do {
            envelope = try SignedLicense.decode(bytes)
            statement = try LicenseVerifier.verify(envelope, trust: try await catalog.trustStore(), now: Date())
        } catch let error as LicenseError {
            throw Problem.unprocessable("The license was refused: \(error)")
        }
        try await catalog.installLicense(envelope, verified: statement, by: actor)
        await services.sessions.licenses.invalidate()
        return statement
    }
}
