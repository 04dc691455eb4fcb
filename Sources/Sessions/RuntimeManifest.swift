import Foundation

/// `atrium-runtime.json` at the root of a runtime package (docs/runtime.md).
public struct RuntimeManifest: Codable, Sendable, Hashable {
    public var name: String
    public var version: String
    /// argv of a data session.
    public var serve: [String]
    /// argv of an optimization session.
    public var solve: [String]?
}
