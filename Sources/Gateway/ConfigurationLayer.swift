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
        "ATRIUM_TLS_KEY", "ATRIUM_STORE", "ATRIUM_LOG_FORMAT", "ATRIUM_LOG_LEVEL",
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
                          "storePath", "logFormat", "logLevel"]
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
        return layer
    }

    // MARK: parsing single values (shared with the command line)

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
