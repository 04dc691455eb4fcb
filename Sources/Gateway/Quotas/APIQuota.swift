import Catalog

/// One of a user's limits as the API shows it, with their use now: `limit` null is unlimited;
/// `used` null where nothing is counted (one upload's size);
/// `source` says where the limit comes from (`user`, `group` with `group` its name, `default`).
struct APIQuotaUsage: Encodable {
    let kind: String
    let unit: String
    let limit: Int64?
    let used: Int64?
    let source: String
    let group: String?

    init(_ usage: QuotaUsage, groupNames: [String: String]) {
        kind = usage.kind.rawValue
        unit = usage.kind.isSize ? "bytes" : usage.kind == .jobPriority ? "priority" : "count"
        limit = usage.limit.value
        used = usage.used
        switch usage.limit.source {
        case .user: source = "user"; group = nil
        case .group(let id): source = "group"; group = groupNames[id] ?? id
        case .serverDefault: source = "default"; group = nil
        }
    }

    enum CodingKeys: String, CodingKey { case kind, unit, limit, used, source, group }

    /// `limit` and `used` are always there, null when unlimited or not counted.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(unit, forKey: .unit)
        try container.encode(limit, forKey: .limit)
        try container.encode(used, forKey: .used)
        try container.encode(source, forKey: .source)
        try container.encodeIfPresent(group, forKey: .group)
    }

    static let schema: JSONValue = .objectSchema([
        "kind": ["type": "string", "enum": .array(QuotaKind.allCases.map { .string($0.rawValue) })],
        "unit": ["type": "string", "enum": ["count", "bytes", "priority"]],
        "limit": ["type": "integer", "format": "int64", "nullable": true],
        "used": ["type": "integer", "format": "int64", "nullable": true],
        "source": ["type": "string", "enum": ["user", "group", "default"]],
        "group": ["type": "string", "nullable": true],
    ], optional: ["group"])
}

/// A limit set for a user or group itself.
struct APIQuotaSetting: Encodable {
    let kind: String
    let limit: Int64?

    init(_ setting: QuotaSetting) {
        kind = setting.kind.rawValue
        limit = setting.limit
    }

    enum CodingKeys: String, CodingKey { case kind, limit }

    /// `limit` is always there, null when unlimited.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(limit, forKey: .limit)
    }

    static let schema: JSONValue = .objectSchema([
        "kind": ["type": "string", "enum": .array(QuotaKind.allCases.map { .string($0.rawValue) })],
        "limit": ["type": "integer", "format": "int64", "nullable": true],
    ])
}

/// The body of `PUT …/quotas/{kind}`: a `limit` (0 or more), or `unlimited: true`.
struct QuotaChange: Decodable {
    let limit: Int64?
    let unlimited: Bool?

    /// The limit to set (nil: unlimited); 400 unless exactly one of the two is given.
    func value() throws -> Int64? {
        switch (limit, unlimited) {
        case (let limit?, nil), (let limit?, false?): return limit
        case (nil, true?): return nil
        default: throw Problem.badRequest("Send either 'limit' (0 or more) or 'unlimited': true.")
        }
    }

    /// Exactly one of the two: `{"limit": N}` (with `unlimited` false, null or left out) or
    /// `{"unlimited": true}` (with `limit` null or left out), so the document admits what
    /// ``value()`` accepts and nothing else.
    static let schema: JSONValue = ["oneOf": [
        .objectSchema([
            "limit": ["type": "integer", "format": "int64", "minimum": 0],
            "unlimited": ["type": "boolean", "nullable": true, "enum": [false, .null]],
        ], optional: ["unlimited"]),
        .objectSchema([
            "unlimited": ["type": "boolean", "enum": [true]],
            "limit": ["type": "integer", "nullable": true, "enum": [.null]],
        ], optional: ["limit"]),
    ]]
}
