extension CatalogMigration {
    /// 5: what the portal and the jobs list need to tell people the truth.
    /// - `users.must_change_password`: the first-run admin (and a user whose password an admin
    ///   reset) must choose a new password at the next log-on; any password change clears it.
    /// - `jobs.result_status`: what the solver concluded (the runtime's `result:` line, e.g.
    ///   `optimal`, `infeasible`), so a solve that ran but found no solution does not read as a
    ///   plain "succeeded".
    /// - `apps.description`: what the app is for, shown in the portal's catalogue.
    static let productFlags = CatalogMigration(number: 5, name: "password change, job result status, app description", statements: [
        "ALTER TABLE users ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE jobs ADD COLUMN result_status TEXT",
        "ALTER TABLE apps ADD COLUMN description TEXT NOT NULL DEFAULT ''",
    ])
}
