extension CatalogMigration {
    /// 3: licenses, seats (also the usage history), named users, data sessions, the job queue,
    /// and `catalog_locks` (one row per critical section: an UPDATE of the row serializes its
    /// writers on PostgreSQL; SQLite's single writer already does).
    ///
    /// Deliberately no foreign keys to users, apps or cases: seats, sessions and jobs are usage
    /// history that must outlive the rows they name.
    static let sessionsAndLicensing = CatalogMigration(number: 3, name: "sessions, jobs and licensing", statements: [
        """
        CREATE TABLE licenses (
            id TEXT PRIMARY KEY,
            licensee TEXT NOT NULL,
            key_id TEXT NOT NULL,
            statement TEXT NOT NULL,
            data_seats BIGINT,
            solve_seats BIGINT,
            named_users BIGINT,
            apps TEXT,
            issued_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            installed_at BIGINT NOT NULL,
            installed_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX licenses_installed ON licenses (installed_at)",
        """
        CREATE TABLE seats (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            holder TEXT NOT NULL,
            user_id TEXT NOT NULL,
            app TEXT NOT NULL,
            node TEXT NOT NULL,
            taken_at BIGINT NOT NULL,
            lease_until BIGINT NOT NULL,
            returned_at BIGINT,
            return_reason TEXT
        )
        """,
        "CREATE INDEX seats_open ON seats (kind, returned_at, lease_until)",
        "CREATE INDEX seats_node ON seats (node, returned_at)",
        "CREATE INDEX seats_holder ON seats (holder)",
        "CREATE INDEX seats_taken ON seats (taken_at)",
        """
        CREATE TABLE license_users (
            user_id TEXT PRIMARY KEY,
            first_seen_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE data_sessions (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            app TEXT NOT NULL,
            app_version TEXT NOT NULL,
            runtime TEXT NOT NULL,
            node TEXT NOT NULL,
            address TEXT,
            state TEXT NOT NULL,
            seat_id TEXT NOT NULL,
            token_id TEXT,
            created_at BIGINT NOT NULL,
            ready_at BIGINT,
            ended_at BIGINT,
            end_reason TEXT,
            log_digest TEXT
        )
        """,
        "CREATE INDEX data_sessions_user ON data_sessions (user_id, created_at)",
        "CREATE INDEX data_sessions_state ON data_sessions (state)",
        """
        CREATE TABLE jobs (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            app TEXT NOT NULL,
            app_version TEXT NOT NULL,
            case_id TEXT NOT NULL,
            input_number BIGINT NOT NULL,
            priority BIGINT NOT NULL,
            timeout_seconds BIGINT NOT NULL,
            scheduled_at BIGINT NOT NULL,
            state TEXT NOT NULL,
            attempts BIGINT NOT NULL DEFAULT 0,
            max_attempts BIGINT NOT NULL DEFAULT 3,
            node TEXT,
            lease_until BIGINT,
            cancel_requested BIGINT NOT NULL DEFAULT 0,
            submitted_at BIGINT NOT NULL,
            started_at BIGINT,
            finished_at BIGINT,
            result_number BIGINT,
            reason TEXT,
            progress TEXT,
            log_digest TEXT,
            session_id TEXT
        )
        """,
        // The claim query: queued, due, highest priority, oldest.
        "CREATE INDEX jobs_claim ON jobs (state, priority DESC, submitted_at, scheduled_at)",
        // Lease expiry of running jobs.
        "CREATE INDEX jobs_lease ON jobs (state, lease_until)",
        "CREATE INDEX jobs_user ON jobs (user_id, submitted_at)",
        """
        CREATE TABLE catalog_locks (
            name TEXT PRIMARY KEY,
            version BIGINT NOT NULL
        )
        """,
        "INSERT INTO catalog_locks (name, version) VALUES ('seats', 0)",
    ])
}
