/// A request or response body of an API route: its media type and schema.
public struct APIBody: Sendable {
    public let contentType: String
    public let schema: JSONValue

    public init(_ contentType: String = "application/json", _ schema: JSONValue) {
        self.contentType = contentType
        self.schema = schema
    }

    public static func json(_ schema: JSONValue) -> APIBody { APIBody("application/json", schema) }
    /// A raw byte stream (uploads and downloads).
    public static let text = APIBody("text/plain; charset=utf-8", ["type": "string"])
    public static let csv = APIBody("text/csv; charset=utf-8", ["type": "string"])
    public static let eventStream = APIBody("text/event-stream", ["type": "string"])
    public static let octetStream = APIBody("application/octet-stream", ["type": "string", "format": "binary"])
}
