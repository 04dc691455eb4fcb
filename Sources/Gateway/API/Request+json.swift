import Foundation
import Hummingbird

extension Request {
    /// Decodes a JSON body: 415 unless the content type is JSON, 413 past the context's limit,
    /// 400 naming the field when the JSON is malformed or of the wrong shape.
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

    /// `limit` (1…500, default 50) and `offset` (≥ 0) of a paged list; 400 when malformed.
    public func paging() throws -> (limit: Int, offset: Int) {
        func number(_ name: String, _ fallback: Int, _ range: ClosedRange<Int>) throws -> Int {
            guard let text = query(name) else { return fallback }
            guard let value = Int(text), range.contains(value) else {
                throw Problem.badRequest("'\(name)' must be a whole number in \(range.lowerBound)…\(range.upperBound).")
            }
            return value
        }
        return (try number("limit", 50, 1...500), try number("offset", 0, 0...1_000_000_000))
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
    /// The API's decoder: ISO 8601 dates.
    static var api: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
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
