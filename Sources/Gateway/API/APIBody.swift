/// A request or response body of an API route: its media type and schema.
public struct APIBody: Sendable {
    public let contentType: String
    public let schema: JSONValue

    /// Other representations of the same answer (e.g. CSV beside JSON), chosen by a parameter.
    public var alternatives: [APIBody] = []

    public init(_ contentType: String = "application/json", _ schema: JSONValue) {
        self.contentType = contentType
        self.schema = schema
    }

    /// This body, also answered as `other`.
    public func or(_ other: APIBody) -> APIBody {
        var body = self
        body.alternatives.append(other)
        return body
    }

    public static func json(_ schema: JSONValue) -> APIBody { APIBody("application/json", schema) }
    /// A raw byte stream (uploads and downloads).
    public static let text = APIBody("text/plain; charset=utf-8", ["type": "string"])
    public static let csv = APIBody("text/csv; charset=utf-8", ["type": "string"])
    public static let eventStream = APIBody("text/event-stream", ["type": "string"])
    public static let octetStream = APIBody("application/octet-stream", ["type": "string", "format": "binary"])
}
