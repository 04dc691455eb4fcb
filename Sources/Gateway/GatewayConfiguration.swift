import Catalog
import Foundation
import Sessions
import Logging

/// Everything the gateway needs to start: a plain value. Built from defaults < a JSON config file
/// < `ATRIUM_*` environment variables < command-line flags (``load(file:environment:flags:)``).
/// Each field that is a setting has its default here and its description (JSON key, environment
/// variable, flag, doc) in ``settings``, the one table the readers, the description, `serve
/// --help` and the README's table come from.
public struct GatewayConfiguration: Sendable, Equatable {
    public var dataDirectory = Self.defaultDataDirectory
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var httpsPort = 8443
    /// nil: no plain-HTTP redirect server.
    public var httpRedirectPort: Int? = 8080
    /// nil (with ``tlsKeyPath``): a self-signed certificate in `<data>/tls/`, made on first run.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// Derived: `<data>/store` unless set.
    public var storePath = ""
    public var logFormat = LogFormat.text
    public var logLevel = Logger.Level.info
    /// A `postgres://` URL, or a SQLite file path. Derived: `<data>/catalog.sqlite` unless set.
    public var database = ""
    public var maxUploadBytes: Int64 = 8 << 30
    /// 0 turns the limit off.
    public var requestsPerSecond = 100
    /// nil makes a random one, printed once.
    public var initialAdminPassword: String?
    public var bcryptCost = 12
    public var nodeName = ProcessInfo.processInfo.hostName
    public var solveSlots = 2
    /// The highest job priority (0–9) users may ask for; admins may always use 9 (``SolvePolicy``).
    public var maxUserJobPriority = 5
    public var sessionIdleSeconds = 3600
    public var reconnectWindowSeconds = 300
    public var launchTimeoutSeconds = 30
    public var leaseSeconds = 30
    /// How often the job queue is looked at unprompted (the fallback to job notices).
    public var jobPollSeconds: Double = 1
    /// Derived: `<data>/keys` unless set.
    public var keysDirectory = ""
    public var heartbeatSeconds: Double = 60
    /// nil: 3 × the heartbeat (``effectiveNodeDeadAfter``); at least 2 ×.
    public var nodeDeadAfterSeconds: Double?
    /// 0 turns the schedule off.
    public var gcIntervalSeconds = 3600
    public var gcGraceSeconds = 86400
    /// At least ``minimumClusterSecretLength`` characters; nil turns forwarding between nodes off.
    /// Never shown (``description`` redacts it).
    public var clusterSecret: String?
    /// nil: `https://<host>:<bound HTTPS port>` (see ``advertisedURL(port:)``).
    public var advertiseURL: String?
    /// The parent domain of the data sessions' own hosts, `<session>.<sessionHost>`
    /// (docs/session-origin.md). Its default works on one machine without DNS: browsers take
    /// every `*.localhost` name to loopback.
    public var sessionHost = "sessions.localhost"
    /// The portal's address as browsers reach it; nil: ``portalURL``.
    public var publicURL: String?
    /// nil: this node's own TLS certificate file (``clusterTrustFile``).
    public var clusterCAFile: String?
    /// How runtime processes are contained (the `sandbox…` settings); on unless an admin turns it off.
    public var sandbox = SandboxSettings()
    /// Each user's limits where neither they nor their groups have one set (the `quota…` settings).
    public var quotaDefaults = QuotaDefaults()
    /// Connection timeouts and each user's share of the transfer slots (the `connection…`,
    /// `headerTimeoutSeconds`, `transfer…` settings).
    public var connections = ConnectionSettings()

    // Not settings (no file key, variable or flag yet).

    /// The session proxy's pings, limits and timeouts.
    public var proxy = SessionProxyConfiguration()
    /// Seat limits while no license is installed.
    public var unlicensedLimits = UnlicensedLimits()

    public static let defaultDataDirectory = "./atrium-data"

    /// The fields' own initial values, before anything is derived or made absolute: the defaults
    /// the settings table shows.
    @usableFromInline static let declaredDefaults = GatewayConfiguration(declared: ())

    private init(declared: Void) {}

    /// The defaults with these values set (as a program would set them; not checked), derived
    /// values following, every path absolute.
    public init(
        dataDirectory: String = GatewayConfiguration.defaultDataDirectory,
        host: String? = nil,
        httpsPort: Int? = nil,
        httpRedirectPort: Int? = declaredDefaults.httpRedirectPort,
        tlsCertificatePath: String? = nil,
        tlsKeyPath: String? = nil,
        storePath: String? = nil,
        logFormat: LogFormat? = nil,
        logLevel: Logger.Level? = nil,
        database: String? = nil,
        maxUploadBytes: Int64? = nil,
        requestsPerSecond: Int? = nil,
        initialAdminPassword: String? = nil,
        bcryptCost: Int? = nil
    ) {
        var layer = ConfigurationLayer(source: .code)
        layer[\.dataDirectory] = dataDirectory
        layer[\.host] = host
        layer[\.httpsPort] = httpsPort
        layer[\.httpRedirectPort] = httpRedirectPort
        if let tlsCertificatePath { layer[\.tlsCertificatePath] = tlsCertificatePath }
        if let tlsKeyPath { layer[\.tlsKeyPath] = tlsKeyPath }
        layer[\.storePath] = storePath
        layer[\.logFormat] = logFormat
        layer[\.logLevel] = logLevel
        layer[\.database] = database
        layer[\.maxUploadBytes] = maxUploadBytes
        layer[\.requestsPerSecond] = requestsPerSecond
        if let initialAdminPassword { layer[\.initialAdminPassword] = initialAdminPassword }
        layer[\.bcryptCost] = bcryptCost
        self = Self.assembled(from: [layer]).configuration
    }

    /// Applies layers in order over the defaults, then checks the settings against each other
    /// (naming the source of the value at fault).
    public init(layers: [ConfigurationLayer]) throws {
        let (configuration, sources) = Self.assembled(from: layers)
        try configuration.checkTogether(sources: sources)
        self = configuration
    }

    /// Defaults < `file` (if given) < `environment` < `flags`.
    public static func load(
        file: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        flags: ConfigurationLayer = ConfigurationLayer(source: .flags)
    ) throws -> GatewayConfiguration {
        var layers: [ConfigurationLayer] = []
        if let file { layers.append(try ConfigurationLayer.file(at: file)) }
        layers.append(try ConfigurationLayer.environment(environment))
        layers.append(flags)
        return try GatewayConfiguration(layers: layers)
    }

    /// The defaults, each layer's values in order, the derived defaults of settings no layer set,
    /// then every value made final: every path is made absolute here, once, from the working
    /// directory at load, because runtimes run in their own directory, where a relative path
    /// (the default DATA is `./atrium-data`) would point somewhere else. Also where each setting
    /// that some layer set came from.
    static func assembled(from layers: [ConfigurationLayer]) -> (configuration: GatewayConfiguration, sources: [String: String]) {
        var configuration = declaredDefaults
        var sources: [String: String] = [:]
        for layer in layers {
            for setting in settings where setting.apply(layer, to: &configuration) {
                sources[setting.name] = layer.source.origin(of: setting)
            }
        }
        for setting in settings where sources[setting.name] == nil { setting.applyDefault(to: &configuration) }
        let base = FileManager.default.currentDirectoryPath
        for setting in settings { setting.resolve(&configuration, base: base) }
        return (configuration, sources)
    }

    /// The checks no single value can make.
    func checkTogether(sources: [String: String]) throws {
        func error(_ setting: String, _ reason: String) -> ConfigurationError {
            ConfigurationError(setting: setting, source: sources[setting] ?? "the default", reason: reason)
        }
        if let deadAfter = nodeDeadAfterSeconds, deadAfter < 2 * heartbeatSeconds {
            throw error("nodeDeadAfterSeconds", "\(deadAfter) s is less than twice the heartbeat (\(heartbeatSeconds) s)")
        }
        if (tlsCertificatePath == nil) != (tlsKeyPath == nil) {
            let (set, unset) = tlsCertificatePath == nil ? ("tlsKeyPath", "tlsCertificatePath") : ("tlsCertificatePath", "tlsKeyPath")
            throw error(set, "set without \(unset): set both the certificate and the key, or neither")
        }
        if let url = publicURL, let host = URLComponents(string: url)?.host, sessionHosts.place(ofAuthority: host) != .portal {
            throw error("publicURL", "the portal's host \(host) is under sessionHost \(sessionHost), where only sessions are served")
        }
        if sessionHosts.place(ofAuthority: host) != .portal {
            throw error("host", "\(host) is under sessionHost \(sessionHost), where only sessions are served")
        }
        if let redirect = httpRedirectPort, redirect == httpsPort, redirect != 0 {
            throw error("httpRedirectPort", "the HTTP redirect port equals the HTTPS port \(redirect)")
        }
    }

    static func isPostgresURL(_ database: String) -> Bool {
        database.hasPrefix("postgres://") || database.hasPrefix("postgresql://")
    }

    /// The catalog configuration: PostgreSQL for a `postgres://` or `postgresql://` URL, else a SQLite file.
    public var catalogConfiguration: CatalogConfiguration {
        // The defaults of the transfers, frame and priority quotas are the connection, proxy and job settings.
        var effectiveQuotaDefaults = quotaDefaults
        effectiveQuotaDefaults.transfers = Int64(connections.transfersPerUser)
        effectiveQuotaDefaults.frameBytes = Int64(proxy.maxFrameSize)
        effectiveQuotaDefaults.jobPriority = Int64(maxUserJobPriority)
        if Self.isPostgresURL(database) {
            var configuration = CatalogConfiguration.postgres(url: database, bcryptCost: UInt8(bcryptCost))
            configuration.applicationName = "atrium " + String(nodeName.prefix(40))
            // A node frozen inside a transaction loses its session (and its row locks, such as the
            // master lease's) after one heartbeat, not when it thaws. docs/cluster.md.
            configuration.idleInTransactionTimeout = max(1, heartbeatSeconds)
            configuration.quotaDefaults = effectiveQuotaDefaults
            return configuration
        }
        var configuration = CatalogConfiguration.sqlite(path: database, bcryptCost: UInt8(bcryptCost))
        configuration.quotaDefaults = effectiveQuotaDefaults
        return configuration
    }

    /// Whether this node is one of a cluster: a PostgreSQL catalog (SQLite is one machine's).
    public var isCluster: Bool {
        if case .postgres = catalogConfiguration.database { return true }
        return false
    }

    /// ``nodeDeadAfterSeconds`` or its default, 3 × the heartbeat.
    public var effectiveNodeDeadAfter: Double { nodeDeadAfterSeconds ?? 3 * heartbeatSeconds }

    /// Where the data sessions' own hosts are.
    public var sessionHosts: SessionHosts { SessionHosts(domain: sessionHost) }

    /// The portal's address as browsers reach it, ending in `/`: ``publicURL`` or ``portalURL``.
    public var browserURL: String {
        guard let publicURL else { return portalURL }
        return publicURL.hasSuffix("/") ? publicURL : publicURL + "/"
    }

    /// The portal's address as a browser would type it.
    public var portalURL: String {
        let shownHost = host.contains(":") ? "[\(host)]" : (host == "0.0.0.0" ? "localhost" : host)
        return "https://\(shownHost):\(httpsPort)/"
    }
}
