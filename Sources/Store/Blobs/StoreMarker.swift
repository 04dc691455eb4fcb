import Foundation

/// The `<root>/STORE` file: format name, version and a store id, as `key = value` lines.
public struct StoreMarker: Sendable, Equatable {
    public static let formatName = "atrium-store"
    public static let currentVersion = 1

    public let format: String
    public let version: Int
    public let id: String

    public init(id: String = UUID().uuidString.lowercased()) {
        self.format = Self.formatName
        self.version = Self.currentVersion
        self.id = id
    }

    public var text: String { "format = \(format)\nversion = \(version)\nid = \(id)\n" }

    public init(parsing text: String) throws {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        guard fields["format"] == Self.formatName else {
            throw StoreError.unsupportedFormat("format is \(fields["format"] ?? "missing"), expected \(Self.formatName)")
        }
        guard let v = fields["version"].flatMap(Int.init), v == Self.currentVersion else {
            throw StoreError.unsupportedFormat("version \(fields["version"] ?? "missing"); this build reads version \(Self.currentVersion)")
        }
        guard let id = fields["id"], !id.isEmpty else { throw StoreError.unsupportedFormat("STORE has no id") }
        self.format = Self.formatName
        self.version = v
        self.id = id
    }
}
