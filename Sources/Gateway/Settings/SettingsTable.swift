import Foundation

extension GatewayConfiguration {
    /// Every setting `atrium serve` reads, in README order, each described once. To add one: add
    /// its field (with its default) to ``GatewayConfiguration`` and one entry here; the file,
    /// environment and flag readers, the description, `--help` and the README table follow.
    static let settings: [any AnySetting] = [
        Setting(\.dataDirectory, "dataDirectory", environment: "ATRIUM_DATA", flag: "--data DIR", .path,
                doc: "data directory", shownDefault: "`./atrium-data` (made absolute at start)"),
        Setting(\.host, "host", environment: "ATRIUM_HOST", flag: "--host ADDR", .string, doc: "listen address"),
        Setting(\.httpsPort, "httpsPort", environment: "ATRIUM_HTTPS_PORT", flag: "--https-port N", .port,
                doc: "HTTPS port (`0` picks a free port)"),
        Setting(\.httpRedirectPort, "httpRedirectPort", environment: "ATRIUM_HTTP_PORT", flag: "--http-port N|off", .optionalPort,
                doc: "plain-HTTP port whose every request is redirected (308) to HTTPS (`off` disables; `null` in JSON too)"),
        Setting(\.tlsCertificatePath, "tlsCertificatePath", environment: "ATRIUM_TLS_CERT", flag: "--tls-cert FILE", .optional(.path),
                doc: "TLS certificate chain (PEM)", shownDefault: "none: self-signed in `DATA/tls/`, made on first run"),
        Setting(\.tlsKeyPath, "tlsKeyPath", environment: "ATRIUM_TLS_KEY", flag: "--tls-key FILE", .optional(.path),
                doc: "TLS private key (PEM; set with the certificate)", shownDefault: "none"),
        Setting(\.storePath, "storePath", environment: "ATRIUM_STORE", flag: "--store DIR", .path,
                doc: "store directory (may be on the SMB mount)", shownDefault: "`DATA/store`", derived: { $0.dataDirectory + "/store" }),
        Setting(\.logFormat, "logFormat", environment: "ATRIUM_LOG_FORMAT", flag: "--log-format F", .logFormat,
                doc: "log format `text` or `json` (to stderr)"),
        Setting(\.logLevel, "logLevel", environment: "ATRIUM_LOG_LEVEL", flag: "--log-level L", .logLevel,
                doc: "log level (`trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical`)"),
        Setting(\.database, "database", environment: "ATRIUM_DATABASE", flag: "--database D", .database,
                doc: "admin database: `postgres://…` URL or SQLite file", shownDefault: "`DATA/catalog.sqlite`",
                derived: { $0.dataDirectory + "/catalog.sqlite" }),
        Setting(\.maxUploadBytes, "maxUploadBytes", environment: "ATRIUM_MAX_UPLOAD", flag: "--max-upload S", .size,
                doc: "largest upload: packages, app versions, cases (`8G`, `500M`, bytes; bytes in JSON)"),
        Setting(\.requestsPerSecond, "requestsPerSecond", environment: "ATRIUM_RATE_LIMIT", flag: "--rate-limit N", .count(0...1_000_000),
                doc: "API requests per second per client: token, session or address, bursts of twice as many (`0` = off; log-on has its own, stricter limit)"),
        Setting(\.bcryptCost, "bcryptCost", environment: "ATRIUM_BCRYPT_COST", .count(4...31), doc: "bcrypt cost for passwords (4–31)"),
        Setting(\.initialAdminPassword, "initialAdminPassword", inFile: false, environment: "ATRIUM_INITIAL_ADMIN_PASSWORD", .optional(.string),
                doc: "first admin's password (first run only)", secret: true, shownDefault: "random, printed once"),
        Setting(\.nodeName, "nodeName", environment: "ATRIUM_NODE", flag: "--node N", .string,
                doc: "this node's name (in sessions, jobs, seats)", shownDefault: "the host name"),
        Setting(\.solveSlots, "solveSlots", environment: "ATRIUM_SOLVE_SLOTS", .count(0...1024), doc: "optimization sessions this node runs at once"),
        Setting(\.sessionIdleSeconds, "sessionIdleSeconds", environment: "ATRIUM_SESSION_IDLE", .count(1...31_536_000),
                doc: "data session idle timeout, seconds (a running solve counts as activity)"),
        Setting(\.reconnectWindowSeconds, "reconnectWindowSeconds", environment: "ATRIUM_RECONNECT_WINDOW", .count(1...86400),
                doc: "reconnect window after the last socket closed, seconds"),
        Setting(\.launchTimeoutSeconds, "launchTimeoutSeconds", environment: "ATRIUM_LAUNCH_TIMEOUT", .count(1...3600),
                doc: "time for a runtime to answer its ready probe, seconds"),
        Setting(\.leaseSeconds, "leaseSeconds", environment: "ATRIUM_LEASE", .count(1...3600),
                doc: "seat and job lease, seconds (a dead holder's seats and jobs come back within it)"),
        Setting(\.keysDirectory, "keysDirectory", environment: "ATRIUM_KEYS_DIR", .path,
                doc: "app keys (and demo key) directory: the same on every node of a cluster", shownDefault: "`DATA/keys`",
                derived: { $0.dataDirectory + "/keys" }),
        Setting(\.heartbeatSeconds, "heartbeatSeconds", environment: "ATRIUM_HEARTBEAT", .seconds(0.05...3600),
                doc: "cluster heartbeat interval, seconds (decimals allowed; PostgreSQL catalog only; also this node's `idle_in_transaction_session_timeout`, at least 1 s)"),
        Setting(\.nodeDeadAfterSeconds, "nodeDeadAfterSeconds", environment: "ATRIUM_NODE_DEAD_AFTER", .optional(.seconds(0.1...86400)),
                doc: "a node is dead after this long without a heartbeat, seconds (≥ 2 heartbeats): its jobs are queued again, its sessions lost",
                shownDefault: "3 × heartbeat"),
        Setting(\.clusterSecret, "clusterSecret", environment: "ATRIUM_CLUSTER_SECRET", .secret(minimumLength: minimumClusterSecretLength),
                doc: "cluster secret shared by all nodes, sent when a node forwards a session's traffic (≥ 32 characters; never logged); unset: no forwarding between nodes",
                secret: true, shownDefault: "none"),
        Setting(\.advertiseURL, "advertiseURL", environment: "ATRIUM_ADVERTISE_URL", .httpsBaseURL,
                doc: "base URL other nodes reach this node's HTTPS server at (`https://host[:port]`)",
                shownDefault: "`https://<host>:<bound HTTPS port>` (the host name for `0.0.0.0`)"),
        Setting(\.clusterCAFile, "clusterCAFile", environment: "ATRIUM_CLUSTER_CA", .optional(.path),
                doc: "PEM certificates a node trusts when it calls another node", shownDefault: "this node's TLS certificate file"),
        Setting(\.gcIntervalSeconds, "gcIntervalSeconds", environment: "ATRIUM_GC_INTERVAL_SECONDS", flag: "--gc-interval S", .count(0...31_536_000),
                doc: "store gc schedule, seconds between runs (`0` = off; on the master only in a cluster)"),
        Setting(\.gcGraceSeconds, "gcGraceSeconds", environment: "ATRIUM_GC_GRACE_SECONDS", flag: "--gc-grace S", .count(0...31_536_000),
                doc: "gc grace period, seconds: unreferenced blobs younger than this are kept (must outlast the longest save or upload)"),
    ]

    /// What each setting is: name, JSON key, environment variable, flag, default, doc.
    public static var settingDescriptions: [any SettingDescription] { settings }

    /// The setting that sets `field`, if one does.
    static func setting(for field: PartialKeyPath<GatewayConfiguration>) -> (any AnySetting)? {
        settings.first { $0.keyPath == field }
    }
}
