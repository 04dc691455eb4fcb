/// One page of a list: the items, and the offset of the next page when there may be more.
public struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    public let items: [Item]
    public let limit: Int
    public let offset: Int
    public let nextOffset: Int?

    /// A page made from a query that fetched up to `limit + 1` items (the extra one tells there is more).
    public init(fetched: [Item], limit: Int, offset: Int) {
        self.items = Array(fetched.prefix(limit))
        self.limit = limit
        self.offset = offset
        self.nextOffset = fetched.count > limit ? offset + limit : nil
    }

    /// The OpenAPI schema of a page of `item`.
    public static func schema(_ item: JSONValue) -> JSONValue {
        .objectSchema([
            "items": .arrayOf(item), "limit": ["type": "integer"], "offset": ["type": "integer"],
            "nextOffset": ["type": "integer", "nullable": true],
        ], optional: ["nextOffset"])
    }
}
