import Foundation

/// One setting of ``GatewayConfiguration``, described once: its field, its name (which is also its
/// key in the `--config` JSON file), its environment variable, its `serve` flag, what it is, how
/// its values are read and shown, and its default. ``GatewayConfiguration/settings`` lists them
/// all; the file, environment and flag readers, the effective configuration's description, the
/// `serve --help` text and the README's table all come from that list.
struct Setting<Value: Sendable>: AnySetting {
    let field: WritableKeyPath<GatewayConfiguration, Value> & Sendable
    let name: String
    let readFromFile: Bool
    let environment: String
    let flagUsage: String?
    let doc: String
    let isSecret: Bool
    let codec: SettingCodec<Value>
    let shownDefault: String?
    let derivedDefault: (@Sendable (GatewayConfiguration) -> Value)?

    /// - Parameters:
    ///   - field: the ``GatewayConfiguration`` field it sets; the field's initial value is the default.
    ///   - name: the field's name, the JSON key and the name errors and descriptions use.
    ///   - inFile: whether the `--config` file may set it.
    ///   - environment: `ATRIUM_…`.
    ///   - flag: the `serve` flag and its value's name, e.g. `--https-port N`; nil for none.
    ///   - doc: what it is, for the README (Markdown) and `--help`.
    ///   - secret: never shown (descriptions say `<redacted>`), never a flag.
    ///   - shownDefault: the default as the README says it (Markdown), when the value alone would not say it well.
    ///   - derived: the default computed from the other settings (e.g. `DATA/store`) when no source sets it.
    init(_ field: WritableKeyPath<GatewayConfiguration, Value> & Sendable, _ name: String, inFile: Bool = true, environment: String,
         flag: String? = nil, _ codec: SettingCodec<Value>, doc: String, secret: Bool = false, shownDefault: String? = nil,
         derived: (@Sendable (GatewayConfiguration) -> Value)? = nil) {
        precondition(!(secret && flag != nil), "a secret on the command line shows in every process listing")
        self.field = field
        self.name = name
        self.readFromFile = inFile
        self.environment = environment
        self.flagUsage = flag
        self.codec = codec
        self.doc = doc
        self.isSecret = secret
        self.shownDefault = shownDefault
        self.derivedDefault = derived
    }

    var keyPath: PartialKeyPath<GatewayConfiguration> { field }

    var defaultText: String {
        shownDefault ?? "`" + codec.format(GatewayConfiguration.declaredDefaults[keyPath: field]) + "`"
    }

    func read(_ text: String, from source: String, into layer: inout ConfigurationLayer) throws {
        do {
            layer.values[name] = try codec.parse(text)
        } catch let invalid as InvalidSettingValue {
            throw ConfigurationError(setting: name, source: source, reason: invalid.reason)
        }
    }

    func read(json raw: Any, from source: String, into layer: inout ConfigurationLayer) throws {
        do {
            layer.values[name] = try codec.parse(codec.text(fromJSON: raw))
        } catch let invalid as InvalidSettingValue {
            throw ConfigurationError(setting: name, source: source, reason: invalid.reason)
        }
    }

    func apply(_ layer: ConfigurationLayer, to configuration: inout GatewayConfiguration) -> Bool {
        guard let stored = layer.values[name] else { return false }
        guard let value = stored as? Value else { preconditionFailure("\(name) holds a \(type(of: stored))") }
        configuration[keyPath: field] = value
        return true
    }

    func applyDefault(to configuration: inout GatewayConfiguration) {
        if let derivedDefault { configuration[keyPath: field] = derivedDefault(configuration) }
    }

    func resolve(_ configuration: inout GatewayConfiguration, base: String) {
        configuration[keyPath: field] = codec.resolve(configuration[keyPath: field], base)
    }

    func shown(_ configuration: GatewayConfiguration) -> String {
        isSecret ? "<redacted>" : codec.format(configuration[keyPath: field])
    }

    func shown(_ layer: ConfigurationLayer) -> String? {
        guard let value = layer.values[name] as? Value else { return nil }
        return isSecret ? "<redacted>" : codec.format(value)
    }
}

/// What a setting is, as documentation shows it (README table, `--help`, tests).
public protocol SettingDescription: Sendable {
    /// The field's name, also the JSON key.
    var name: String { get }
    /// Whether the `--config` file may set it.
    var readFromFile: Bool { get }
    /// `ATRIUM_…`.
    var environment: String { get }
    /// The `serve` flag with its value's name (`--https-port N`), or nil.
    var flagUsage: String? { get }
    /// What it is (Markdown).
    var doc: String { get }
    /// The default (Markdown).
    var defaultText: String { get }
    /// Never shown.
    var isSecret: Bool { get }
    /// The ``GatewayConfiguration`` field.
    var keyPath: PartialKeyPath<GatewayConfiguration> { get }
}

extension SettingDescription {
    /// The flag alone (`--https-port`).
    public var flag: String? { flagUsage.map { String($0.prefix { $0 != " " }) } }
}

/// A ``Setting`` of any value type, as the table of settings holds it: reads, applies and shows it.
protocol AnySetting: SettingDescription {
    func read(_ text: String, from source: String, into layer: inout ConfigurationLayer) throws
    func read(json raw: Any, from source: String, into layer: inout ConfigurationLayer) throws
    /// Sets the field from `layer`, if it has a value; whether it had.
    func apply(_ layer: ConfigurationLayer, to configuration: inout GatewayConfiguration) -> Bool
    /// Sets a derived default (when no layer set the setting).
    func applyDefault(to configuration: inout GatewayConfiguration)
    /// Makes the value final (paths absolute from `base`).
    func resolve(_ configuration: inout GatewayConfiguration, base: String)
    /// The value as the effective configuration shows it (`<redacted>` for a secret).
    func shown(_ configuration: GatewayConfiguration) -> String
    /// The value `layer` sets, as shown, or nil.
    func shown(_ layer: ConfigurationLayer) -> String?
}
