import Foundation

/// `POST /jobs`: solve a case version.
struct JobSubmit: Decodable {
    let `case`: String
    /// The input version (default: the newest).
    let version: Int64?
    /// 0 (lowest) to 9; default 5.
    let priority: Int?
    /// Default 3600, at most 86400.
    let timeoutSeconds: Int?
    /// Run no earlier than this.
    let scheduledAt: Date?
    /// The data session submitting it (its progress shows there, and a running solve keeps it alive).
    let session: String?

    static let schema: JSONValue = .objectSchema([
        "case": ["type": "string", "minLength": 1, "maxLength": 64],
        "version": ["type": "integer", "minimum": 1],
        "priority": ["type": "integer", "minimum": 0, "maximum": 9],
        "timeoutSeconds": ["type": "integer", "minimum": 1, "maximum": 86400],
        "scheduledAt": .dateSchema,
        "session": ["type": "string", "minLength": 1, "maxLength": 64],
    ], optional: ["version", "priority", "timeoutSeconds", "scheduledAt", "session"])
}
