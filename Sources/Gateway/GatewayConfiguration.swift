import Catalog
import Foundation
import Sessions
import Logging

/// Everything the gateway needs to start. Built from defaults < a JSON config file < `ATRIUM_*`
/// environment variables < command-line flags (see ``load(file:environment:flags:)``); every
/// setting is listed in the README.
public struct GatewayConfiguration: Sendable, Equatable {
    /// Where Atrium keeps its data (store, TLS material). Default `./atrium-data`.
    public var dataDirectory: String
    /// Address both servers listen on. Default `127.0.0.1`.
    public var host: String
    /// HTTPS port. Default 8443; 0 picks a free port.
    public var httpsPort: Int
    /// Plain-HTTP port whose every request is redirected (308) to HTTPS; `nil` turns it off. Default 8080.
    public var httpRedirectPort: Int?
    /// PEM certificate (chain) file; `nil` (with ``tlsKeyPath``) means a self-signed certificate in
    /// `<data>/tls/`, made on first run.
    public var tlsCertificatePath: String?
    /// PEM private key file for ``tlsCertificatePath``.
    public var tlsKeyPath: String?
    /// The blob store directory, created on first run. Default `<data>/store`.
    public var storePath: String
    /// Log lines as text or JSON. Default text.
    public var logFormat: LogFormat
    /// Lowest level logged. Default info.
    public var logLevel: Logger.Level
    /// The admin database: a `postgres://` URL, or a SQLite file path. Default `<data>/catalog.sqlite`.
    public var database: String
    /// Largest upload accepted (packages, app versions, cases). Default 8 GiB.
    public var maxUploadBytes: Int64
    /// API requests per second per client (token, session or address), with bursts of twice as
    /// many; 0 turns the limit off. Log-on attempts have their own, stricter limit. Default 100.
    public var requestsPerSecond: Int
    /// The password of the `admin` user made on first run; nil makes a random one, printed once.
    public var initialAdminPassword: String?
    /// bcrypt cost for passwords. Default 12.
    public var bcryptCost: Int
    /// The session proxy's pings, limits and timeouts (not read from files or flags yet).
    public var proxy = SessionProxyConfiguration()

    /// This node's name in seats, sessions and jobs (default: the host name).
    public var nodeName: String = ProcessInfo.processInfo.hostName
    /// Optimization sessions this node runs at once.
    public var solveSlots = 2
    /// A data session without traffic for this long is stopped (a running solve is traffic).
    public var sessionIdleSeconds = 3600
    /// A data session whose last socket closed is kept this long for a reconnect.
    public var reconnectWindowSeconds = 300
    /// A runtime must answer its ready probe within this.
    public var launchTimeoutSeconds = 30
    /// Seat and job lease: a dead holder's seats and jobs come back within this.
    public var leaseSeconds = 30
    /// The platform's app keys (and the demo key): every node of a cluster must use the same
    /// ones, so point this at one directory copied to (or mounted on) every node. Default `<data>/keys`.
    public var keysDirectory: String
    /// How often this node heartbeats into a PostgreSQL catalog (cluster). Default 60 s.
    public var heartbeatSeconds: Double = 60
    /// A node whose last heartbeat is older than this is dead: its jobs are queued again, its
    /// sessions are lost. Default (nil) 3 × the heartbeat; at least 2 ×.
    public var nodeDeadAfterSeconds: Double?
    /// Seat limits while no license is installed.
    public var unlicensedLimits = UnlicensedLimits()
    /// Store gc runs this often (on the master only in a cluster); 0 turns the schedule off. Default 3600.
    public var gcIntervalSeconds = 3600
    /// gc keeps unreferenced blobs younger than this (saves and uploads in flight). Default 86400.
    public var gcGraceSeconds = 86400

    // MARK: cluster proxy (a node's `/s/…` reaches sessions of the other nodes)

    /// Shared by every node of a cluster: sent as `X-Atrium-Cluster-Auth` when a node forwards a
    /// session's traffic to the node that runs it. At least 32 characters; nil turns forwarding
    /// (both ways) off. Never logged (``description`` redacts it).
    public var clusterSecret: String?
    /// The base URL other nodes reach this node's HTTPS server at; nil means
    /// `https://<host>:<bound HTTPS port>` (see ``advertisedURL(port:)``).
    public var advertiseURL: String?
    /// PEM certificates a node trusts when it calls another node; nil means this node's own TLS
    /// certificate file (enough when every node presents the same certificate).
    public var clusterCAFile: String?

    public static let defaultDataDirectory = "./atrium-data"

    public init(
        dataDirectory: String = GatewayConfiguration.defaultDataDirectory,
        host: String = "127.0.0.1",
        httpsPort: Int = 8443,
        httpRedirectPort: Int? = 8080,
        tlsCertificatePath: String? = nil,
        tlsKeyPath: String? = nil,
        storePath: String? = nil,
        logFormat: LogFormat = .text,
        logLevel: Logger.Level = .info,
        database: String? = nil,
        maxUploadBytes: Int64 = 8 << 30,
        requestsPerSecond: Int = 100,
        initialAdminPassword: String? = nil,
        bcryptCost: Int = 12
    ) {
        // Absolute at once, as in init(layers:): runtimes run in another working directory.
        let base = FileManager.default.currentDirectoryPath
        let absolute = { (path: String) in Self.absolutePath(path, base: base) }
        self.dataDirectory = absolute(dataDirectory)
        self.host = host
        self.httpsPort = httpsPort
        self.httpRedirectPort = httpRedirectPort
        self.tlsCertificatePath = tlsCertificatePath.map(absolute)
        self.tlsKeyPath = tlsKeyPath.map(absolute)
        self.storePath = absolute(storePath ?? dataDirectory + "/store")
        self.keysDirectory = absolute(dataDirectory + "/keys")
        self.logFormat = logFormat
        self.logLevel = logLevel
        let databaseSetting = database ?? dataDirectory + "/catalog.sqlite"
        self.database = Self.isPostgresURL(databaseSetting) ? databaseSetting : absolute(databaseSetting)
        self.maxUploadBytes = maxUploadBytes
        self.requestsPerSecond = requestsPerSecond
        self.initialAdminPassword = initialAdminPassword
        self.bcryptCost = bcryptCost
    }

    /// Applies layers in order over the defaults. The store path follows the data directory
    /// unless some layer sets it.
    public init(layers: [ConfigurationLayer]) throws {
        var data = Self.defaultDataDirectory
        var store: String?
        var database: String?
        var keys: String?
        var config = GatewayConfiguration()
        for layer in layers {
            if let value = layer.dataDirectory { data = value }
            if let value = layer.storePath { store = value }
            if let value = layer.host { config.host = value }
            if let value = layer.httpsPort { config.httpsPort = value }
            if let value = layer.httpRedirectPort { config.httpRedirectPort = value }
            if let value = layer.tlsCertificatePath { config.tlsCertificatePath = value }
            if let value = layer.tlsKeyPath { config.tlsKeyPath = value }
            if let value = layer.logFormat { config.logFormat = value }
            if let value = layer.logLevel { config.logLevel = value }
            if let value = layer.database { database = value }
            if let value = layer.maxUploadBytes { config.maxUploadBytes = value }
            if let value = layer.requestsPerSecond { config.requestsPerSecond = value }
            if let value = layer.initialAdminPassword { config.initialAdminPassword = value }
            if let value = layer.bcryptCost { config.bcryptCost = value }
            if let value = layer.nodeName { config.nodeName = value }
            if let value = layer.solveSlots { config.solveSlots = value }
            if let value = layer.sessionIdleSeconds { config.sessionIdleSeconds = value }
            if let value = layer.reconnectWindowSeconds { config.reconnectWindowSeconds = value }
            if let value = layer.launchTimeoutSeconds { config.launchTimeoutSeconds = value }
            if let value = layer.leaseSeconds { config.leaseSeconds = value }
            if let value = layer.keysDirectory { keys = value }
            if let value = layer.heartbeatSeconds { config.heartbeatSeconds = value }
            if let value = layer.nodeDeadAfterSeconds { config.nodeDeadAfterSeconds = value }
            if let value = layer.clusterSecret { config.clusterSecret = value }
            if let value = layer.advertiseURL { config.advertiseURL = value }
            if let value = layer.clusterCAFile { config.clusterCAFile = value }
            if let value = layer.gcIntervalSeconds { config.gcIntervalSeconds = value }
            if let value = layer.gcGraceSeconds { config.gcGraceSeconds = value }
        }
        // Every path is made absolute here, once: runtimes run in their own working directory,
        // so a relative path handed to them (the default DATA is `./atrium-data`) would point
        // somewhere else. Relative paths are taken from the working directory at load.
        let base = FileManager.default.currentDirectoryPath
        let absolute = { (path: String) in Self.absolutePath(path, base: base) }
        config.dataDirectory = absolute(data)
        config.storePath = absolute(store ?? data + "/store")
        let databaseSetting = database ?? data + "/catalog.sqlite"
        config.database = Self.isPostgresURL(databaseSetting) ? databaseSetting : absolute(databaseSetting)
        config.keysDirectory = absolute(keys ?? data + "/keys")
        config.tlsCertificatePath = config.tlsCertificatePath.map(absolute)
        config.tlsKeyPath = config.tlsKeyPath.map(absolute)
        config.clusterCAFile = config.clusterCAFile.map(absolute)
        if let deadAfter = config.nodeDeadAfterSeconds, deadAfter < 2 * config.heartbeatSeconds {
            throw ConfigurationError(source: "nodeDeadAfterSeconds",
                                     reason: "\(deadAfter) s is less than twice the heartbeat (\(config.heartbeatSeconds) s)")
        }
        guard (config.tlsCertificatePath == nil) == (config.tlsKeyPath == nil) else {
            throw ConfigurationError(source: "TLS", reason: "set both the certificate and the key, or neither")
        }
        if let redirect = config.httpRedirectPort, redirect == config.httpsPort, redirect != 0 {
            throw ConfigurationError(source: "ports", reason: "the HTTP redirect port equals the HTTPS port \(redirect)")
        }
        try config.validateCluster()
        self = config
    }

    /// Defaults < `file` (if given) < `environment` < `flags`.
    public static func load(
        file: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        flags: ConfigurationLayer = ConfigurationLayer()
    ) throws -> GatewayConfiguration {
        var layers: [ConfigurationLayer] = []
        if let file { layers.append(try ConfigurationLayer.file(at: file)) }
        layers.append(try ConfigurationLayer.environment(environment))
        layers.append(flags)
        return try GatewayConfiguration(layers: layers)
    }

    /// `path` as an absolute, normalized path (`.` and `..` resolved, no trailing slash);
    /// a relative one is taken from `base`.
    static func absolutePath(_ path: String, base: String) -> String {
        let joined = path.hasPrefix("/") ? path : (base.hasSuffix("/") ? base : base + "/") + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }

    static func isPostgresURL(_ database: String) -> Bool {
        database.hasPrefix("postgres://") || database.hasPrefix("postgresql://")
    }

    /// The catalog configuration: PostgreSQL for a `postgres://` or `postgresql://` URL, else a SQLite file.
    public var catalogConfiguration: CatalogConfiguration {
        if Self.isPostgresURL(database) {
            var configuration = CatalogConfiguration.postgres(url: database, bcryptCost: UInt8(bcryptCost))
            configuration.applicationName = "atrium " + String(nodeName.prefix(40))
            // A node frozen inside a transaction loses its session (and its row locks, such as the
            // master lease's) after one heartbeat, not when it thaws. docs/cluster.md.
            configuration.idleInTransactionTimeout = max(1, heartbeatSeconds)
            return configuration
        }
        return .sqlite(path: database, bcryptCost: UInt8(bcryptCost))
    }

    /// Whether this node is one of a cluster: a PostgreSQL catalog (SQLite is one machine's).
    public var isCluster: Bool {
        if case .postgres = catalogConfiguration.database { return true }
        return false
    }

    /// ``nodeDeadAfterSeconds`` or its default, 3 × the heartbeat.
    public var effectiveNodeDeadAfter: Double { nodeDeadAfterSeconds ?? 3 * heartbeatSeconds }

    /// The portal's address as a browser would type it.
    public var portalURL: String {
        let shownHost = host.contains(":") ? "[\(host)]" : (host == "0.0.0.0" ? "localhost" : host)
        return "https://\(shownHost):\(httpsPort)/"
    }
}
