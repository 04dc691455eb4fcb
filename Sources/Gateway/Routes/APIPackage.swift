import Catalog
import Foundation

/// A registered runtime package as the API shows it.
public struct APIPackage: Codable, Sendable, Equatable {
    public let name: String
    public let version: String
    public let platform: String
    /// The signed envelope blob name@version is bound to.
    public let envelopeDigest: String
    /// The archive blob the signed statement names.
    public let archiveDigest: String
    public let size: Int64
    public let uploadedBy: String
    public let uploadedAt: Date

    public init(_ record: PackageRecord) {
        self.name = record.name
        self.version = record.version
        self.platform = record.platform
        self.envelopeDigest = record.envelopeDigest.hex
        self.archiveDigest = record.archiveDigest.hex
        self.size = record.size
        self.uploadedBy = record.uploadedBy
        self.uploadedAt = record.uploadedAt
    }

    public static let schema: JSONValue = .objectSchema([
        "name": .stringSchema, "version": .stringSchema, "platform": .stringSchema,
        "envelopeDigest": .stringSchema, "archiveDigest": .stringSchema, "size": .integerSchema,
        "uploadedBy": .stringSchema, "uploadedAt": .dateSchema,
    ])
}
