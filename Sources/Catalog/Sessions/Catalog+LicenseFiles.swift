import Foundation
import Store

/// Installing a signed license as Store verified it.
extension Catalog {
    /// Installs `license`, whose statement `verified` came out of `LicenseVerifier.verify` (the
    /// caller verifies against its trust store; the catalog does not hold one): its numbers
    /// become the seat limits and its canonical JSON is stored for re-verification.
    @discardableResult
    public func installLicense(_ license: SignedLicense, verified statement: LicenseStatement, by actor: AuditActor,
                               now: Date = Date()) async throws -> LicenseRecord {
        guard (try? LicenseStatement.decode(license.statement)) == statement else {
            throw CatalogError.invalidArgument("the statement is not the one this license signs")
        }
        return try await installLicense(
            id: statement.id, licensee: statement.licensee, keyId: license.keyId,
            envelopeJSON: String(decoding: try license.canonicalJSON(), as: UTF8.self),
            limits: SeatLimits(dataSessions: statement.dataSessions, optimizationSessions: statement.optimizationSessions,
                               namedUsers: statement.namedUsers),
            apps: statement.apps, issuedAt: statement.issued, expiresAt: statement.expires, by: actor, now: now)
    }
}
