import Foundation
import Hummingbird

extension Response {
    /// `value` as a JSON response.
    public static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONEncoder.api.encode(value)
        return Response(status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An empty 204.
    public static var noContent: Response { Response(status: .noContent) }
}
