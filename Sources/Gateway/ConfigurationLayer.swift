import Foundation

/// One source of settings (a config file, the environment, command-line flags, a program): the
/// settings it sets, each with a value of its field's type; a later layer overrides an earlier
/// one setting by setting. What it reads, and how, comes from ``GatewayConfiguration/settings``.
///
/// Read and set a value through the field: `layer[\.httpsPort] = 9443`. For an optional field the
/// value is doubly optional: `nil` leaves the lower layer's value, `.some(nil)` sets nil (the HTTP
/// redirect port `off`).
public struct ConfigurationLayer: Sendable {
    /// Where the values come from.
    public enum Source: Sendable, Equatable {
        case code
        case file(String)
        case environment
        case flags

        /// Where `setting`'s value came from, as errors name it: a variable, a flag, a file's key.
        func origin(of setting: any SettingDescription) -> String {
            switch self {
            case .code: "code"
            case .file(let path): "\(path): \(setting.name)"
            case .environment: setting.environment
            case .flags: setting.flag ?? setting.name
            }
        }
    }

    public let source: Source
    /// Values by setting name.
    var values: [String: any Sendable] = [:]

    public init(source: Source = .code) {
        self.source = source
    }

    /// The value this layer sets for `field`'s setting, or nil.
    public subscript<Value: Sendable>(field: WritableKeyPath<GatewayConfiguration, Value>) -> Value? {
        get { GatewayConfiguration.setting(for: field).flatMap { values[$0.name] as? Value } }
        set {
            guard let setting = GatewayConfiguration.setting(for: field) else { preconditionFailure("\(field) is not a setting") }
            values[setting.name] = newValue
        }
    }

    /// Reads the `ATRIUM_*` variables; an empty variable counts as unset.
    public static func environment(_ environment: [String: String]) throws -> ConfigurationLayer {
        var layer = ConfigurationLayer(source: .environment)
        for setting in GatewayConfiguration.settings {
            guard let text = environment[setting.environment], !text.isEmpty else { continue }
            try setting.read(text, from: setting.environment, into: &layer)
        }
        return layer
    }

    /// Reads a JSON config file whose keys are the settings' names (`dataDirectory`, `host`,
    /// `httpsPort`, `httpRedirectPort`, …). Unknown keys are refused.
    public static func file(at path: String) throws -> ConfigurationLayer {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(source: path, reason: "cannot read the configuration file")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ConfigurationError(source: path, reason: "not a JSON object")
        }
        let settings = GatewayConfiguration.settings.filter(\.readFromFile)
        if let unknown = object.keys.sorted().first(where: { key in !settings.contains { $0.name == key } }) {
            throw ConfigurationError(source: "\(path): \(unknown)", reason: "unknown setting")
        }
        var layer = ConfigurationLayer(source: .file(path))
        for setting in settings {
            guard let raw = object[setting.name] else { continue }
            try setting.read(json: raw, from: layer.source.origin(of: setting), into: &layer)
        }
        return layer
    }

    /// Reads `serve`'s setting flags: `--https-port 9443` or `--https-port=9443`, each flag of
    /// ``GatewayConfiguration/settings``; anything else is refused.
    public static func flags(_ arguments: [String]) throws -> ConfigurationLayer {
        var layer = ConfigurationLayer(source: .flags)
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            let name = String(argument.prefix { $0 != "=" })
            guard let setting = GatewayConfiguration.settings.first(where: { $0.flag == name }) else {
                throw ConfigurationError(source: argument, reason: argument.hasPrefix("-") ? "unknown option" : "unexpected argument")
            }
            let value: String
            if name.count < argument.count {
                value = String(argument.dropFirst(name.count + 1))
            } else if let next = rest.popFirst() {
                value = next
            } else {
                throw ConfigurationError(setting: setting.name, source: name, reason: "missing value (\(setting.flagUsage ?? name))")
            }
            try setting.read(value, from: name, into: &layer)
        }
        return layer
    }
}
