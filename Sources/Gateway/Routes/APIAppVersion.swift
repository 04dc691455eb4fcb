import Catalog
import Foundation

/// One version of an app as the API shows it.
public struct APIAppVersion: Codable, Sendable, Equatable {
    public let app: String
    public let version: String
    /// The sealed app blob.
    public let sealedDigest: String
    /// The runtime package it runs on, `name@version`.
    public let runtime: String
    public let hidden: Bool
    public let latest: Bool
    public let uploadedBy: String
    public let uploadedAt: Date

    public init(_ version: AppVersion) {
        self.app = version.app
        self.version = version.version
        self.sealedDigest = version.sealedDigest.hex
        self.runtime = version.runtimeName + "@" + version.runtimeVersion
        self.hidden = version.hidden
        self.latest = version.isLatest
        self.uploadedBy = version.uploadedBy
        self.uploadedAt = version.uploadedAt
    }

    public static let schema: JSONValue = .objectSchema([
        "app": .stringSchema, "version": .stringSchema, "sealedDigest": .stringSchema, "runtime": .stringSchema,
        "hidden": .booleanSchema, "latest": .booleanSchema, "uploadedBy": .stringSchema, "uploadedAt": .dateSchema,
    ])
}
