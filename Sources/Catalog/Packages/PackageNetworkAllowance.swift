import Foundation

/// An admin's allowance of the network for one runtime package (name@version) whose manifest
/// declares the need: who allowed it and when.
public struct PackageNetworkAllowance: Sendable, Hashable {
    /// The admin's user id (as in the audit log).
    public let allowedBy: String
    public let allowedAt: Date

    public init(allowedBy: String, allowedAt: Date) {
        self.allowedBy = allowedBy
        self.allowedAt = allowedAt
    }
}
