import Catalog
import Foundation

/// A case as the API shows it, with what the caller may do with it.
struct APICase: Encodable {
    let id: String
    let app: String
    let name: String
    let ownerId: String
    /// The newest version's number.
    let headNumber: Int64
    /// The head manifest's digest; send it back in `If-Match` when saving a version.
    let headDigest: String
    /// The caller's access: owner, write or read.
    let access: String
    let createdAt: Date
    let updatedAt: Date

    init(_ record: CaseRecord, access: CaseAccess) {
        self.id = record.id
        self.app = record.app
        self.name = record.name
        self.ownerId = record.ownerId
        self.headNumber = record.headNumber
        self.headDigest = record.headDigest.hex
        self.access = access.rawValue
        self.createdAt = record.createdAt
        self.updatedAt = record.updatedAt
    }

    static let schema: JSONValue = .objectSchema([
        "id": .stringSchema, "app": .stringSchema, "name": .stringSchema, "ownerId": .stringSchema,
        "headNumber": .integerSchema, "headDigest": ["type": "string", "pattern": "^[0-9a-f]{64}$"],
        "access": ["type": "string", "enum": ["owner", "write", "read"]],
        "createdAt": .dateSchema, "updatedAt": .dateSchema,
    ])
}
