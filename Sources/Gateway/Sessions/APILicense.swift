import Catalog
import Foundation
import Store

/// The license in force and its current use.
struct APILicense: Encodable, Sendable {
    struct Counts: Encodable, Sendable {
        let dataSessions: Int
        let optimizationSessions: Int
        let namedUsers: Int
    }

    struct Use: Encodable, Sendable {
        let name: String
        let dataSessions: Int
        let optimizationSessions: Int
    }

    /// False when no license is installed: the evaluation limits apply.
    let licensed: Bool
    /// Why an installed license does not count (expired, key revoked), if so.
    let problem: String?
    let id: String?
    let licensee: String?
    let issued: Date?
    let expires: Date?
    let apps: [String]?
    let limits: Counts
    let inUse: Counts
    let byApp: [Use]
    let byUser: [Use]

    static let countsSchema: JSONValue = .objectSchema([
        "dataSessions": .integerSchema, "optimizationSessions": .integerSchema, "namedUsers": .integerSchema,
    ])
    static let useSchema: JSONValue = .objectSchema([
        "name": .stringSchema, "dataSessions": .integerSchema, "optimizationSessions": .integerSchema,
    ])
    static let schema: JSONValue = .objectSchema([
        "licensed": .booleanSchema, "problem": ["type": "string", "nullable": true], "id": ["type": "string", "nullable": true],
        "licensee": ["type": "string", "nullable": true], "issued": .nullableDateSchema, "expires": .nullableDateSchema,
        "apps": ["type": "array", "items": .stringSchema, "nullable": true],
        "limits": .ref("LicenseCounts"), "inUse": .ref("LicenseCounts"),
        "byApp": .arrayOf(.ref("LicenseUse")), "byUser": .arrayOf(.ref("LicenseUse")),
    ], optional: ["problem", "id", "licensee", "issued", "expires", "apps"])
}
