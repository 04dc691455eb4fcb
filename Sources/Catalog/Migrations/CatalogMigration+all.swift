extension CatalogMigration {
    /// Every migration, in order. The newest number is the schema version.
    public static let all: [CatalogMigration] = [initialSchema, webSessions, sessionsAndLicensing, cluster, productFlags, tokenBindings, packageNetwork, quotas, fairQueue,
                                                   sessionPasses]

    /// 1: users, groups, rights, tokens, trusted keys, packages, apps, cases, audit.
    static let initialSchema = CatalogMigration(number: 1, name: "initial schema", statements: [
        """
        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL,
            disabled BIGINT NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE user_groups (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE group_members (
            group_id TEXT NOT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            added_at BIGINT NOT NULL,
            PRIMARY KEY (group_id, user_id)
        )
        """,
        "CREATE INDEX group_members_user ON group_members (user_id)",
        """
        CREATE TABLE apps (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            latest_version TEXT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE app_rights (
            app_id TEXT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
            subject_kind TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            right_name TEXT NOT NULL,
            effect TEXT NOT NULL,
            PRIMARY KEY (app_id, subject_kind, subject_id, right_name)
        )
        """,
        "CREATE INDEX app_rights_subject ON app_rights (subject_kind, subject_id)",
        """
        CREATE TABLE api_tokens (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            secret_sha256 TEXT NOT NULL UNIQUE,
            scopes TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT,
            revoked_at BIGINT
        )
        """,
        "CREATE INDEX api_tokens_user ON api_tokens (user_id)",
        """
        CREATE TABLE trusted_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            public_key TEXT NOT NULL,
            valid_from BIGINT NOT NULL,
            valid_until BIGINT,
            revoked_at BIGINT,
            added_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE packages (
            name TEXT NOT NULL,
            version TEXT NOT NULL,
            platform TEXT NOT NULL,
            envelope_digest TEXT NOT NULL,
            archive_digest TEXT NOT NULL,
            size BIGINT NOT NULL,
            uploaded_by TEXT NOT NULL,
            uploaded_at BIGINT NOT NULL,
            PRIMARY KEY (name, version)
        )
        """,
        """
        CREATE TABLE app_versions (
            app_id TEXT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            sealed_digest TEXT NOT NULL,
            runtime_name TEXT NOT NULL,
            runtime_version TEXT NOT NULL,
            hidden BIGINT NOT NULL DEFAULT 0,
            uploaded_by TEXT NOT NULL,
            uploaded_at BIGINT NOT NULL,
            PRIMARY KEY (app_id, version),
            FOREIGN KEY (runtime_name, runtime_version) REFERENCES packages (name, version)
        )
        """,
        "CREATE INDEX app_versions_runtime ON app_versions (runtime_name, runtime_version)",
        """
        CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            app_id TEXT NOT NULL REFERENCES apps (id),
            owner_id TEXT NOT NULL REFERENCES users (id),
            name TEXT NOT NULL,
            head_digest TEXT NOT NULL,
            head_number BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (app_id, owner_id, name)
        )
        """,
        "CREATE INDEX cases_owner ON cases (owner_id)",
        """
        CREATE TABLE case_versions (
            case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            number BIGINT NOT NULL,
            manifest_digest TEXT NOT NULL,
            size BIGINT NOT NULL,
            saved_by TEXT NOT NULL,
            saved_at BIGINT NOT NULL,
            PRIMARY KEY (case_id, number)
        )
        """,
        """
        CREATE TABLE case_shares (
            case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            subject_kind TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            access TEXT NOT NULL,
            PRIMARY KEY (case_id, subject_kind, subject_id)
        )
        """,
        "CREATE INDEX case_shares_subject ON case_shares (subject_kind, subject_id)",
        """
        CREATE TABLE audit (
            id TEXT PRIMARY KEY,
            at BIGINT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            detail TEXT NOT NULL
        )
        """,
        "CREATE INDEX audit_actor ON audit (actor)",
        "CREATE INDEX audit_target ON audit (target)",
    ])

    /// 2: portal log-on sessions (in the database so every node of a cluster knows them).
    static let webSessions = CatalogMigration(number: 2, name: "web sessions", statements: [
        """
        CREATE TABLE web_sessions (
            secret_sha256 TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            csrf TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX web_sessions_user ON web_sessions (user_id)",
        "CREATE INDEX web_sessions_expiry ON web_sessions (expires_at)",
    ])
}
