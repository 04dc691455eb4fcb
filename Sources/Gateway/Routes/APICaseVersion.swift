import Catalog
import Foundation
import Store

/// One version in a case's history.
struct APICaseVersion: Encodable {
    let number: Int64
    /// Uncompressed size in bytes.
    let size: Int64
    /// The user id (or `system`) who saved it.
    let savedBy: String
    let savedAt: Date
    /// The head manifest right after this version was saved.
    let manifestDigest: String
    /// SHA-256 of the content, as the download's `X-Content-SHA256` carries it.
    let contentSHA256: String?

    init(_ record: CaseVersionRecord, content: CaseVersion?) {
        self.number = record.number
        self.size = record.size
        self.savedBy = record.savedBy
        self.savedAt = record.savedAt
        self.manifestDigest = record.manifestDigest.hex
        self.contentSHA256 = content?.contentSHA256.hex
    }

    static let schema: JSONValue = .objectSchema([
        "number": .integerSchema, "size": .integerSchema, "savedBy": .stringSchema, "savedAt": .dateSchema,
        "manifestDigest": .stringSchema, "contentSHA256": .stringSchema,
    ], optional: ["contentSHA256"])
}
