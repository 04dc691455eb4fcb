import Catalog
import Foundation
import Store

/// The seat limits in force: from the newest installed license, verified again against the
/// trusted keys (so a revoked vendor key or an expired license stops new launches), or the
/// evaluation limits when none is installed. The verified answer is kept for a few seconds.
public actor LicenseGate {
    let catalog: Catalog
    let unlicensed: UnlicensedLimits
    private var cached: (at: Date, limits: Result<(SeatLimits, [String]?), SessionError>)?

    public init(catalog: Catalog, unlicensed: UnlicensedLimits) {
        self.catalog = catalog
        self.unlicensed = unlicensed
    }

    /// The limits for launching `app`; throws `.unlicensed` when the license forbids it.
    public func limits(app: String, now: Date = Date()) async throws -> SeatLimits {
        let (limits, apps) = try await current(now: now).get()
        if let apps, !apps.contains(app) {
            throw SessionError.unlicensed("the license does not cover the app \(app)")
        }
        return limits
    }

    /// Forgets the cached answer (a license was installed).
    public func invalidate() {
        cached = nil
    }

    private func current(now: Date) async throws -> Result<(SeatLimits, [String]?), SessionError> {
        if let cached, abs(now.timeIntervalSince(cached.at)) < 5 { return cached.limits }
        let result: Result<(SeatLimits, [String]?), SessionError>
        if let record = try await catalog.activeLicense() {
            do {
                let envelope = try SignedLicense.decode(Data(record.envelopeJSON.utf8))
                let statement = try LicenseVerifier.verify(envelope, trust: try await catalog.trustStore(), now: now)
                result = .success((SeatLimits(dataSessions: statement.dataSessions, optimizationSessions: statement.optimizationSessions,
                                              namedUsers: statement.namedUsers), statement.apps))
            } catch let error as LicenseError {
                result = .failure(.unlicensed("the installed license is not valid: \(error)"))
            }
        } else {
            result = .success((SeatLimits(dataSessions: unlicensed.dataSessions, optimizationSessions: unlicensed.optimizationSessions,
                                          namedUsers: unlicensed.namedUsers), nil))
        }
        cached = (now, result)
        return result
    }
}
