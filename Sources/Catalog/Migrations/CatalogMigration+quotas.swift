extension CatalogMigration {
    /// 8: limits an admin sets per user or per group (README, "Quotas").
    /// - `quotas`: one row per subject (`user`/`group`, by id, as in `app_rights`) and kind
    ///   (`QuotaKind`); `value` NULL is unlimited. A user's effective limit is their own row, else
    ///   the most generous of their groups' rows, else the server's default.
    /// - `seats_user`: counting a user's held data-session seats when they take one.
    static let quotas = CatalogMigration(number: 8, name: "quotas", statements: [
        """
        CREATE TABLE quotas (
            subject_kind TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            value BIGINT,
            set_by TEXT NOT NULL,
            set_at BIGINT NOT NULL,
            PRIMARY KEY (subject_kind, subject_id, kind)
        )
        """,
        "CREATE INDEX seats_user ON seats (user_id, kind, returned_at)",
    ])
}
