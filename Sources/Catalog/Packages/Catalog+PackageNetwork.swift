import Foundation
import SQLKit

/// Admins allow the network per runtime package (name@version) whose signed manifest declares it
/// needs it; the allowance lives on the package's row and goes with it. Each change is audited.
extension Catalog {
    /// The allowance of package name@version, nil when not allowed; `.notFound` for no such package.
    public func packageNetworkAllowance(name: String, version: String) async throws -> PackageNetworkAllowance? {
        try await read { db in
            guard let row = try await db.raw("""
                SELECT network_allowed_by, network_allowed_at FROM packages WHERE name = \(bind: name) AND version = \(bind: version)
                """).first() else { throw CatalogError.notFound("package", "\(name)@\(version)") }
            return try Self.networkAllowance(row)
        }
    }

    /// Allows (`allowed`) or withdraws the network for package name@version; `reason` is the
    /// manifest's declaration as the admin saw it, kept in the audit entry. Allowing again keeps
    /// the first allowance; withdrawing what is not allowed changes nothing, and neither is audited
    /// again. Returns the allowance now in force; `.notFound` for no such package.
    @discardableResult
    public func setPackageNetwork(name: String, version: String, allowed: Bool, reason: String?, by actor: AuditActor,
                                  now: Date = Date()) async throws -> PackageNetworkAllowance? {
        try await transaction { db in
            guard let row = try await db.raw("""
                SELECT network_allowed_by, network_allowed_at FROM packages WHERE name = \(bind: name) AND version = \(bind: version)
                """).first() else { throw CatalogError.notFound("package", "\(name)@\(version)") }
            let current = try Self.networkAllowance(row)
            guard allowed != (current != nil) else { return current }
            let target = "package:\(name)@\(version)"
            if allowed {
                try await db.raw("""
                    UPDATE packages SET network_allowed_by = \(bind: actor.description), network_allowed_at = \(bind: CatalogTime.ms(now))
                    WHERE name = \(bind: name) AND version = \(bind: version)
                    """).run()
                try await audit(db, actor, "package.network.allow", target, ["reason": reason ?? ""], at: now)
                return PackageNetworkAllowance(allowedBy: actor.description, allowedAt: CatalogTime.date(CatalogTime.ms(now)))
            }
            try await db.raw("""
                UPDATE packages SET network_allowed_by = NULL, network_allowed_at = NULL
                WHERE name = \(bind: name) AND version = \(bind: version)
                """).run()
            try await audit(db, actor, "package.network.withdraw", target, ["reason": reason ?? ""], at: now)
            return nil
        }
    }

    static func networkAllowance(_ row: any SQLRow) throws -> PackageNetworkAllowance? {
        guard let by = try row.optionalString("network_allowed_by"), let at = try row.optionalInt("network_allowed_at") else { return nil }
        return PackageNetworkAllowance(allowedBy: by, allowedAt: CatalogTime.date(at))
    }
}
