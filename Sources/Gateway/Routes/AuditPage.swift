/// A page of the audit log, newest first; `nextBefore` fetches the next (older) page.
struct AuditPage: Encodable {
    let items: [APIAuditEntry]
    let nextBefore: String?

    static let schema: JSONValue = .objectSchema([
        "items": .arrayOf(.ref("AuditEntry")), "nextBefore": ["type": "string", "nullable": true],
    ], optional: ["nextBefore"])
}
