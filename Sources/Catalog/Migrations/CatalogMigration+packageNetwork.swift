extension CatalogMigration {
    /// 7: an admin's allowance of the network for one runtime package (name@version) whose signed
    /// manifest declares it needs it (docs/runtime.md, "network"). Columns of the package's own
    /// row, so unregistering the package takes the allowance with it: a package registered later
    /// under the same name and version starts without one.
    /// - `packages.network_allowed_by` / `network_allowed_at`: who allowed it and when; NULL: not allowed.
    static let packageNetwork = CatalogMigration(number: 7, name: "package network allowance", statements: [
        "ALTER TABLE packages ADD COLUMN network_allowed_by TEXT",
        "ALTER TABLE packages ADD COLUMN network_allowed_at BIGINT",
    ])
}
