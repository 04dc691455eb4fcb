import HTTPTypes

/// Reason phrases for the OpenAPI document's response descriptions.
enum HTTPStatusText {
    static func text(_ status: Int) -> String {
        HTTPResponse.Status(code: status).reasonPhrase.isEmpty ? "Status \(status)" : HTTPResponse.Status(code: status).reasonPhrase
    }
}
