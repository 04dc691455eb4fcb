/// A configuration value that could not be used, named by where it came from.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the bad value came from: a file path, an environment variable or a flag.
    public let source: String
    /// What is wrong with it, in words.
    public let reason: String

    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }

    public var description: String { "\(source): \(reason)" }
}
