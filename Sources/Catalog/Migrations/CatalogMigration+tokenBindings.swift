extension CatalogMigration {
    /// 6: what a data session's or a job's token serves (docs/runtime.md, "The session-scoped
    /// token").
    /// - `api_tokens.bound_session` / `bound_job`: the data session or job the token was made
    ///   for; the token stops working once that session has ended or that job is no longer
    ///   running, whether or not its revocation went through.
    /// - `token_cases`: the cases a bound token reaches: the one its session opened and those it
    ///   created (`version` NULL: the whole case, as far as its user may), or a job's input
    ///   (`version`: that version only, for reading).
    /// - `token_jobs`: the jobs a data session's token submitted.
    static let tokenBindings = CatalogMigration(number: 6, name: "token bindings", statements: [
        "ALTER TABLE api_tokens ADD COLUMN bound_session TEXT",
        "ALTER TABLE api_tokens ADD COLUMN bound_job TEXT",
        """
        CREATE TABLE token_cases (
            token_id TEXT NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
            case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            version BIGINT,
            PRIMARY KEY (token_id, case_id)
        )
        """,
        "CREATE INDEX token_cases_case ON token_cases (case_id)",
        """
        CREATE TABLE token_jobs (
            token_id TEXT NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
            job_id TEXT NOT NULL,
            PRIMARY KEY (token_id, job_id)
        )
        """,
    ])
}
