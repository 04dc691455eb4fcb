/// A path or query parameter of an API route, as the OpenAPI document lists it.
public struct APIParameter: Sendable {
    public enum Location: String, Sendable { case path, query, header }
    public let name: String
    public let location: Location
    public let required: Bool
    public let schema: JSONValue
    public let description: String

    public init(_ name: String, in location: Location, required: Bool? = nil, schema: JSONValue = .stringSchema, _ description: String) {
        self.name = name
        self.location = location
        self.required = required ?? (location == .path)
        self.schema = schema
        self.description = description
    }

    /// `limit` and `offset` of a paged list.
    public static let paging: [APIParameter] = [
        APIParameter("limit", in: .query, schema: ["type": "integer", "minimum": 1, "maximum": 500], "Items per page (default 50)."),
        APIParameter("offset", in: .query, schema: ["type": "integer", "minimum": 0, "maximum": 1_000_000_000], "Items to skip."),
    ]
}
