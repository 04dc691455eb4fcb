extension CatalogMigration {
    /// 10: how a browser enters a data session's own host (issue 15, docs/session-origin.md).
    /// - `session_passes`: a `ticket` is one-time and short-lived, made by the portal for a
    ///   logged-on user; the session's host trades it for a `pass`, the credential of its
    ///   `__Host-` cookie. Both name one data session and the portal log-on they came from: they
    ///   work only while that log-on does (log off, and every pass it made stops).
    static let sessionPasses = CatalogMigration(number: 10, name: "session passes", statements: [
        """
        CREATE TABLE session_passes (
            secret_sha256 TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            session_id TEXT NOT NULL,
            web_session_sha256 TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX session_passes_web_session ON session_passes (web_session_sha256)",
        "CREATE INDEX session_passes_expiry ON session_passes (expires_at)",
    ])
}
