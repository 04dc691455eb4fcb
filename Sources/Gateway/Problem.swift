import Foundation
import HTTPTypes
import Hummingbird

/// An RFC 9457 problem document, sent as `application/problem+json`. Every error the gateway
/// returns takes this shape; `detail` is written for the caller and never carries internals.
public struct Problem: Codable, Sendable, Equatable, Error, ResponseGenerator {
    /// A URI naming the kind of problem; `about:blank` when the status says it all.
    public var type: String
    /// A short summary of the kind of problem (the status's reason phrase by default).
    public var title: String
    /// The HTTP status code.
    public var status: Int
    /// What went wrong this time, in words.
    public var detail: String?
    /// Extra response headers (`Retry-After`, `WWW-Authenticate`); not part of the body.
    public var headers: [String: String] = [:]

    enum CodingKeys: String, CodingKey { case type, title, status, detail }

    public static let contentType = "application/problem+json"

    public init(status: HTTPResponse.Status, detail: String? = nil, type: String = "about:blank", title: String? = nil) {
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.status = status.code
        self.detail = detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = try encoder.encode(self)
        var headers = HTTPFields()
        headers[.contentType] = Self.contentType
        for (name, value) in self.headers.sorted(by: { $0.key < $1.key }) {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: status, reasonPhrase: title),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
