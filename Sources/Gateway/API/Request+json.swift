import Foundation
import Hummingbird

extension Request {
    /// Decodes a JSON body: 415 unless the content type is JSON, 413 past the context's limit,
    /// 400 naming the field when the JSON is malformed or of the wrong shape. `null` for an
    /// optional field means it is left out (``JSONValue/requestSchema(_:optional:)``).
    public func decodeJSON<T: Decodable>(_ type: T.Type, context: AtriumRequestContext) async throws -> T {
        let contentType = headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else { throw Problem.unsupportedMediaType("application/json") }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxUploadSize)
        } catch {
            throw Problem.contentTooLarge(limit: Int64(context.maxUploadSize))
        }
        do {
            return try JSONDecoder.api.decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw Problem.badRequest("The JSON body is not what this call takes: \(DecodingError.describe(error)).")
        } catch {
            throw Problem.badRequest("The body is not JSON.")
        }
    }

    /// A query parameter as text (nil when absent).
    public func query(_ name: String) -> String? { uri.queryParameters[Substring(name)].map(String.init) }

    /// `limit` (default 50) and `offset` (default 0) of a paged list, checked by ``APIParameter/paging``'s rules; 400 when malformed.
    /// (The router has checked them when the route declares them; this checks again for a route that does not.)
    public func paging() throws -> (limit: Int, offset: Int) {
        for parameter in APIParameter.paging { try parameter.check(self, parameters: [:]) }
        return (query("limit").flatMap { Int($0) } ?? 50, query("offset").flatMap { Int($0) } ?? 0)
    }

    /// `limit` alone (default 50), for lists paged otherwise than by offset.
    public func pageLimit() throws -> Int {
        try APIParameter.limit.check(self, parameters: [:])
        return query("limit").flatMap { Int($0) } ?? 50
    }

    /// A boolean query parameter (`true` or `false`, checked by the route's ``APIValueRule/boolean``), or `fallback` when absent.
    public func flag(_ name: String, default fallback: Bool = false) -> Bool {
        query(name).map { $0 == "true" } ?? fallback
    }
}

extension DecodingError {
    /// The decoding error as one line naming the field.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let joined = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "the body" : "'\(joined)'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "'\(key.stringValue)' is missing" + (parent == "the body" ? "" : " in \(parent)")
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)) has the wrong type"
        case .dataCorrupted(let context): return "\(path(context)) is malformed"
        @unknown default: return "malformed"
        }
    }
}

extension JSONDecoder {
    /// The API's decoder: RFC 3339 date-times as ``APIValueRule/dateTime`` reads them
    /// (fractional seconds and any offset; Foundation's `.iso8601` refuses both).
    static var api: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            guard let date = APIValueRule.parseDate(try container.decode(String.self)) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 date-time")
            }
            return date
        }
        return decoder
    }
}

extension JSONEncoder {
    /// The API's encoder: ISO 8601 dates, sorted keys.
    static var api: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
