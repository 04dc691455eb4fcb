import Foundation

/// An installed license: the verified statement's numbers as `SeatLimits`, and the signed
/// envelope JSON as installed (so it can be verified again later).
public struct LicenseRecord: Sendable, Hashable {
    public let id: String
    public let licensee: String
    public let keyId: String
    public let envelopeJSON: String
    public let limits: SeatLimits
    /// The apps it covers; nil covers every app.
    public let apps: [String]?
    public let issuedAt: Date
    public let expiresAt: Date
    public let installedAt: Date
    public let installedBy: String

    public init(id: String, licensee: String, keyId: String, envelopeJSON: String, limits: SeatLimits, apps: [String]?,
                issuedAt: Date, expiresAt: Date, installedAt: Date, installedBy: String) {
        self.id = id
        self.licensee = licensee
        self.keyId = keyId
        self.envelopeJSON = envelopeJSON
        self.limits = limits
        self.apps = apps
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.installedAt = installedAt
        self.installedBy = installedBy
    }

    /// True when the license covers `app`.
    public func covers(app: String) -> Bool { apps?.contains(app) ?? true }
}
