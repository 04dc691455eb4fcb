import Foundation
import Logging

/// One source of settings (a config file, the environment, command-line flags): every field is
/// optional, and a later layer overrides an earlier one field by field.
///
/// `httpRedirectPort` is doubly optional: `nil` leaves the lower layer's value, `.some(nil)` turns
/// the redirect server off (spelled `"off"` in JSON, the environment and on the command line).
public struct ConfigurationLayer: Sendable, Equatable {
    public var dataDirectory: String?
    public var host: String?
    public var httpsPort: Int?
    public var httpRedirectPort: Int??
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    public var storePath: String?
    public var logFormat: LogFormat?
    public var logLevel: Logger.Level?
    /// `postgres://…` URL or a SQLite file path.
    public var database: String?
    public var maxUploadBytes: Int64?
    public var requestsPerSecond: Int?
    public var initialAdminPassword: String?
    public var bcryptCost: Int?
    public var nodeName: String?
    public var solveSlots: Int?
    public var sessionIdleSeconds: Int?
    public var reconnectWindowSeconds: Int?
    public var launchTimeoutSeconds: Int?
    public var leaseSeconds: Int?
    public var keysDirectory: String?
    public var heartbeatSeconds: Double?
    public var nodeDeadAfterSeconds: Double?
    public var clusterSecret: String?
    public var advertiseURL: String?
    public var clusterCAFile: String?
    public var gcIntervalSeconds: Int?
    public var gcGraceSeconds: Int?

    public init(
        dataDirectory: String? = nil, host: String? = nil, httpsPort: Int? = nil, httpRedirectPort: Int?? = nil,
        tlsCertificatePath: String? = nil, tlsKeyPath: String? = nil, storePath: String? = nil,
        logFormat: LogFormat? = nil, logLevel: Logger.Level? = nil
    ) {
        self.dataDirectory = dataDirectory
        self.host = host
        self.httpsPort = httpsPort
        self.httpRedirectPort = httpRedirectPort
        self.tlsCertificatePath = tlsCertificatePath
        self.tlsKeyPath = tlsKeyPath
        self.storePath = storePath
        self.logFormat = logFormat
        self.logLevel = logLevel
    }

    /// The environment variable for each setting, in README order.
    public static let environmentNames = [
        "ATRIUM_DATA", "ATRIUM_HOST", "ATRIUM_HTTPS_PORT", "ATRIUM_HTTP_PORT", "ATRIUM_TLS_CERT",
        "ATRIUM_TLS_KEY", "ATRIUM_STORE", "ATRIUM_LOG_FORMAT", "ATRIUM_LOG_LEVEL", "ATRIUM_DATABASE",
        "ATRIUM_MAX_UPLOAD", "ATRIUM_RATE_LIMIT", "ATRIUM_INITIAL_ADMIN_PASSWORD", "ATRIUM_BCRYPT_COST",
        "ATRIUM_NODE", "ATRIUM_SOLVE_SLOTS", "ATRIUM_SESSION_IDLE", "ATRIUM_RECONNECT_WINDOW", "ATRIUM_LAUNCH_TIMEOUT",
        "ATRIUM_LEASE", "ATRIUM_KEYS_DIR", "ATRIUM_HEARTBEAT", "ATRIUM_NODE_DEAD_AFTER",
        "ATRIUM_CLUSTER_SECRET", "ATRIUM_ADVERTISE_URL", "ATRIUM_CLUSTER_CA",
        "ATRIUM_GC_INTERVAL_SECONDS", "ATRIUM_GC_GRACE_SECONDS",
    ]

    /// Reads the `ATRIUM_*` variables; an empty variable counts as unset.
    public static func environment(_ env: [String: String]) throws -> ConfigurationLayer {
        func value(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        var layer = ConfigurationLayer()
        layer.dataDirectory = value("ATRIUM_DATA")
        layer.host = value("ATRIUM_HOST")
        layer.httpsPort = try value("ATRIUM_HTTPS_PORT").map { try parsePort($0, source: "ATRIUM_HTTPS_PORT") }
        layer.httpRedirectPort = try value("ATRIUM_HTTP_PORT").map { try parseOptionalPort($0, source: "ATRIUM_HTTP_PORT") }
        layer.tlsCertificatePath = value("ATRIUM_TLS_CERT")
        layer.tlsKeyPath = value("ATRIUM_TLS_KEY")
        layer.storePath = value("ATRIUM_STORE")
        layer.logFormat = try value("ATRIUM_LOG_FORMAT").map { try parseLogFormat($0, source: "ATRIUM_LOG_FORMAT") }
        layer.logLevel = try value("ATRIUM_LOG_LEVEL").map { try parseLogLevel($0, source: "ATRIUM_LOG_LEVEL") }
        layer.database = value("ATRIUM_DATABASE")
        layer.maxUploadBytes = try value("ATRIUM_MAX_UPLOAD").map { try parseSize($0, source: "ATRIUM_MAX_UPLOAD") }
        layer.requestsPerSecond = try value("ATRIUM_RATE_LIMIT").map { try parseCount($0, source: "ATRIUM_RATE_LIMIT", range: 0...1_000_000) }
        layer.initialAdminPassword = value("ATRIUM_INITIAL_ADMIN_PASSWORD")
        layer.bcryptCost = try value("ATRIUM_BCRYPT_COST").map { try parseCount($0, source: "ATRIUM_BCRYPT_COST", range: 4...31) }
        layer.nodeName = value("ATRIUM_NODE")
        layer.solveSlots = try value("ATRIUM_SOLVE_SLOTS").map { try parseCount($0, source: "ATRIUM_SOLVE_SLOTS", range: 0...1024) }
        layer.sessionIdleSeconds = try value("ATRIUM_SESSION_IDLE").map { try parseCount($0, source: "ATRIUM_SESSION_IDLE", range: 1...31_536_000) }
        layer.reconnectWindowSeconds = try value("ATRIUM_RECONNECT_WINDOW").map {
            try parseCount($0, source: "ATRIUM_RECONNECT_WINDOW", range: 1...86400)
        }
        layer.launchTimeoutSeconds = try value("ATRIUM_LAUNCH_TIMEOUT").map { try parseCount($0, source: "ATRIUM_LAUNCH_TIMEOUT", range: 1...3600) }
        layer.leaseSeconds = try value("ATRIUM_LEASE").map { try parseCount($0, source: "ATRIUM_LEASE", range: 1...3600) }
        layer.keysDirectory = value("ATRIUM_KEYS_DIR")
        layer.heartbeatSeconds = try value("ATRIUM_HEARTBEAT").map { try parseSeconds($0, source: "ATRIUM_HEARTBEAT", range: 0.05...3600) }
        layer.nodeDeadAfterSeconds = try value("ATRIUM_NODE_DEAD_AFTER").map {
            try parseSeconds($0, source: "ATRIUM_NODE_DEAD_AFTER", range: 0.1...86400)
        }
        layer.clusterSecret = value("ATRIUM_CLUSTER_SECRET")
        layer.advertiseURL = value("ATRIUM_ADVERTISE_URL")
        layer.clusterCAFile = value("ATRIUM_CLUSTER_CA")
        layer.gcIntervalSeconds = try value("ATRIUM_GC_INTERVAL_SECONDS").map {
            try parseCount($0, source: "ATRIUM_GC_INTERVAL_SECONDS", range: gcSecondsRange)
        }
        layer.gcGraceSeconds = try value("ATRIUM_GC_GRACE_SECONDS").map {
            try parseCount($0, source: "ATRIUM_GC_GRACE_SECONDS", range: gcSecondsRange)
        }
        return layer
    }

    /// Reads a JSON config file whose keys are the field names of this type
    /// (`dataDirectory`, `host`, `httpsPort`, `httpRedirectPort`, …). Unknown keys are refused.
    public static func file(at path: String) throws -> ConfigurationLayer {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(source: path, reason: "cannot read the configuration file")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ConfigurationError(source: path, reason: "not a JSON object")
        }
        func string(_ key: String) throws -> String? {
            guard let raw = object[key] else { return nil }
            guard let text = raw as? String else { throw ConfigurationError(source: "\(path): \(key)", reason: "must be a string") }
            return text
        }
        func port(_ key: String) throws -> Int? {
            guard let raw = object[key] else { return nil }
            guard let number = raw as? Int else { throw ConfigurationError(source: "\(path): \(key)", reason: "must be a port number") }
            return try parsePort(String(number), source: "\(path): \(key)")
        }
        let known: Set = ["dataDirectory", "host", "httpsPort", "httpRedirectPort", "tlsCertificatePath", "tlsKeyPath",
                          "storePath", "logFormat", "logLevel", "database", "maxUploadBytes", "requestsPerSecond", "bcryptCost",
                          "nodeName", "solveSlots", "sessionIdleSeconds", "reconnectWindowSeconds", "launchTimeoutSeconds", "leaseSeconds",
                          "keysDirectory", "heartbeatSeconds", "nodeDeadAfterSeconds", "clusterSecret", "advertiseURL", "clusterCAFile",
                          "gcIntervalSeconds", "gcGraceSeconds"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw ConfigurationError(source: "\(path): \(unknown)", reason: "unknown setting")
        }
        var layer = ConfigurationLayer()
        layer.dataDirectory = try string("dataDirectory")
        layer.host = try string("host")
        layer.httpsPort = try port("httpsPort")
        if let raw = object["httpRedirectPort"] {
            if raw is NSNull || (raw as? String) == "off" {
                layer.httpRedirectPort = .some(nil)
            } else {
                layer.httpRedirectPort = .some(try port("httpRedirectPort"))
            }
        }
        layer.tlsCertificatePath = try string("tlsCertificatePath")
        layer.tlsKeyPath = try string("tlsKeyPath")
        layer.storePath = try string("storePath")
        layer.logFormat = try string("logFormat").map { try parseLogFormat($0, source: "\(path): logFormat") }
        layer.logLevel = try string("logLevel").map { try parseLogLevel($0, source: "\(path): logLevel") }
        layer.database = try string("database")
        func number(_ key: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let raw = object[key] else { return nil }
            guard let value = raw as? Int, range.contains(value) else {
                throw ConfigurationError(source: "\(path): \(key)", reason: "must be a whole number in \(range.lowerBound)…\(range.upperBound)")
            }
            return value
        }
        layer.maxUploadBytes = try number("maxUploadBytes", 1...Int.max).map(Int64.init)
        layer.requestsPerSecond = try number("requestsPerSecond", 0...1_000_000)
        layer.bcryptCost = try number("bcryptCost", 4...31)
        layer.nodeName = try string("nodeName")
        layer.solveSlots = try number("solveSlots", 0...1024)
        layer.sessionIdleSeconds = try number("sessionIdleSeconds", 1...31_536_000)
        layer.reconnectWindowSeconds = try number("reconnectWindowSeconds", 1...86400)
        layer.launchTimeoutSeconds = try number("launchTimeoutSeconds", 1...3600)
        layer.leaseSeconds = try number("leaseSeconds", 1...3600)
        layer.keysDirectory = try string("keysDirectory")
        func seconds(_ key: String, _ range: ClosedRange<Double>) throws -> Double? {
            guard let raw = object[key] else { return nil }
            guard let value = (raw as? NSNumber)?.doubleValue, !(raw is Bool), range.contains(value) else {
                throw ConfigurationError(source: "\(path): \(key)", reason: "must be seconds in \(range.lowerBound)…\(range.upperBound)")
            }
            return value
        }
        layer.heartbeatSeconds = try seconds("heartbeatSeconds", 0.05...3600)
        layer.nodeDeadAfterSeconds = try seconds("nodeDeadAfterSeconds", 0.1...86400)
        layer.clusterSecret = try string("clusterSecret")
        layer.advertiseURL = try string("advertiseURL")
        layer.clusterCAFile = try string("clusterCAFile")
        layer.gcIntervalSeconds = try number("gcIntervalSeconds", gcSecondsRange)
        layer.gcGraceSeconds = try number("gcGraceSeconds", gcSecondsRange)
        return layer
    }

    // MARK: parsing single values (shared with the command line)

    /// `gcIntervalSeconds` (0 = no scheduled gc) and `gcGraceSeconds`: up to a year.
    public static let gcSecondsRange = 0...31_536_000

    public static func parsePort(_ text: String, source: String) throws -> Int {
        guard let port = Int(text), (0...65535).contains(port) else {
            throw ConfigurationError(source: source, reason: "'\(text)' is not a port number (0–65535)")
        }
        return port
    }

    /// A port, or `nil` for `off`.
    public static func parseOptionalPort(_ text: String, source: String) throws -> Int? {
        text.lowercased() == "off" ? nil : try parsePort(text, source: source)
    }

    /// A byte count with an optional K, M, G or T suffix (powers of 1024).
    public static func parseSize(_ text: String, source: String) throws -> Int64 {
        let units: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var digits = text.uppercased()
        var scale: Int64 = 1
        if digits.hasSuffix("B") { digits.removeLast() }
        if let last = digits.last, let unit = units[last] { scale = unit; digits.removeLast() }
        guard let value = Int64(digits), value > 0, value <= Int64.max / scale else {
            throw ConfigurationError(source: source, reason: "'\(text)' is not a size such as 8G or 500M")
        }
        return value * scale
    }

    public static func parseCount(_ text: String, source: String, range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(source: source, reason: "'\(text)' is not a whole number in \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    /// Seconds, decimals allowed (`0.5`).
    public static func parseSeconds(_ text: String, source: String, range: ClosedRange<Double>) throws -> Double {
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw ConfigurationError(source: source, reason: "'\(text)' is not a number of seconds in \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    public static func parseLogFormat(_ text: String, source: String) throws -> LogFormat {
        guard let format = LogFormat(rawValue: text.lowercased()) else {
            throw ConfigurationError(source: source, reason: "'\(text)' is not text or json")
        }
        return format
    }

    public static func parseLogLevel(_ text: String, source: String) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError(source: source, reason: "'\(text)' is not one of \(names)")
        }
        return level
    }
}
