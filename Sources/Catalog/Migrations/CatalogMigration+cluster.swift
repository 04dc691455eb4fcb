extension CatalogMigration {
    /// 4: a cluster on one PostgreSQL catalog. `nodes` is the membership (a heartbeat row per
    /// node process; `incarnation` tells a restarted process from its dead predecessor),
    /// `cluster_master` the one master lease (a single row, id 1, whose `token` is the fencing
    /// token: every takeover bumps it and every master decision locks the row and checks it),
    /// and `jobs.assigned_node`/`assigned_at` the master's dispatch of queued jobs.
    ///
    /// SQLite gets the same tables: a single node never needs them, but one schema keeps one
    /// code path and lets the cluster logic be tested on both databases.
    static let cluster = CatalogMigration(number: 4, name: "cluster", statements: [
        """
        CREATE TABLE nodes (
            name TEXT PRIMARY KEY,
            address TEXT NOT NULL,
            incarnation TEXT NOT NULL,
            state TEXT NOT NULL,
            solve_slots BIGINT NOT NULL,
            running_jobs BIGINT NOT NULL DEFAULT 0,
            data_sessions BIGINT NOT NULL DEFAULT 0,
            started_at BIGINT NOT NULL,
            heartbeat_at BIGINT NOT NULL,
            state_changed_at BIGINT NOT NULL,
            reason TEXT
        )
        """,
        // The master's dead-node sweep: live nodes by heartbeat.
        "CREATE INDEX nodes_state ON nodes (state, heartbeat_at)",
        """
        CREATE TABLE cluster_master (
            id BIGINT PRIMARY KEY,
            node TEXT,
            token BIGINT NOT NULL,
            lease_until BIGINT NOT NULL,
            since BIGINT NOT NULL
        )
        """,
        "INSERT INTO cluster_master (id, node, token, lease_until, since) VALUES (1, NULL, 0, 0, 0)",
        "ALTER TABLE jobs ADD COLUMN assigned_node TEXT",
        "ALTER TABLE jobs ADD COLUMN assigned_at BIGINT",
        // Dispatch counts and un-assigns queued jobs per assigned node.
        "CREATE INDEX jobs_assigned ON jobs (assigned_node, state)",
    ])
}
