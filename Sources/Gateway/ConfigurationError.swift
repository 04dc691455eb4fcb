/// A configuration value that could not be used, named by its setting and where it came from.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The setting at fault (its name, also its JSON key), or nil when the fault is not one
    /// setting's (a file that cannot be read, an unknown flag).
    public let setting: String?
    /// Where the bad value came from: an environment variable, a flag, a file (`path: key`), or a file path.
    public let source: String
    /// What is wrong with it, in words.
    public let reason: String

    public init(setting: String? = nil, source: String, reason: String) {
        self.setting = setting
        self.source = source
        self.reason = reason
    }

    public var description: String {
        guard let setting, !source.hasSuffix(": " + setting) else { return "\(source): \(reason)" }
        return "\(source) (\(setting)): \(reason)"
    }
}
