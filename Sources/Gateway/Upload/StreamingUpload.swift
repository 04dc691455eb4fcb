import Foundation
import HTTPTypes
import Hummingbird
import Store

/// Streams a request body into synchronous store code without holding it in memory.
///
/// `consume` runs on the executor's transfers lane (which refuses past its limit: 503 with
/// `Retry-After`) reading a ``ByteSource`` that the body feeds. With a `holder` (the caller's
/// user, ``TransferPolicy/holder(_:)``) the slot counts against that user's share
/// (`transfersPerUser`: 429 past it). A client that stalls mid-body is cut off by its
/// connection's ``ConnectionWatch``, which ends the body with an error and frees the slot.
/// The declared `Content-Length` and the streamed size must stay within `limit` (413 otherwise),
/// and a body shorter than its `Content-Length` is an error, so a truncated upload stores nothing.
/// When the client declares `X-Content-SHA256` (hex), ``declaredDigest(_:)`` hands it to the
/// store's put as the expected digest.
public enum StreamingUpload {
    public static let digestHeader = HTTPField.Name("X-Content-SHA256")!

    public static func consume<T: Sendable>(
        _ request: Request, limit: Int64, executor: BlockingExecutor, holder: TransferPolicy.Holder? = nil,
        _ consume: @escaping @Sendable (any ByteSource) throws -> T
    ) async throws -> T {
        let declaredLength = request.headers[.contentLength].flatMap { Int64($0) }
        if let declaredLength, declaredLength > limit { throw Problem.contentTooLarge(limit: limit) }
        // The holder's slot is taken before any of the body is read: past the share, 429 at once.
        let slot = try holder.map { try executor.reserve(.transfers, for: $0.key, share: $0.share) }
        let pipe = BodyPipe()
        let work: @Sendable () throws -> T = {
            defer { pipe.closeReader() }
            return try consume(pipe)
        }
        async let result: T = {
            do {
                if let slot { return try await slot.run(work) }
                return try await executor.run(.transfers, work)
            } catch {
                pipe.closeReader()  // refused (too many transfers): the producer must not wait
                throw error
            }
        }()
        var received: Int64 = 0
        do {
            var iterator = request.body.makeAsyncIterator()
            while let buffer = try await Self.next(&iterator, received: received) {
                received += Int64(buffer.readableBytes)
                if received > limit { throw Problem.contentTooLarge(limit: limit) }
                // The reader stopped early (it refused the content): its own answer counts.
                if !(await pipe.push(buffer)) { return try await result }
            }
            if let declaredLength, received < declaredLength {
                throw Problem.badRequest("The body ended after \(received) of \(declaredLength) bytes.")
            }
            pipe.finish()
        } catch {
            pipe.fail(error)
            _ = try? await result
            throw error
        }
        return try await result
    }

    /// The next body part. A connection that breaks mid-body (the client went away, a malformed
    /// chunk) is the client's problem, a 400, not a server error.
    static func next(_ iterator: inout RequestBody.AsyncIterator, received: Int64) async throws -> ByteBuffer? {
        do {
            return try await iterator.next()
        } catch {
            throw Problem.badRequest("The upload broke off after \(received) bytes.")
        }
    }

    /// The digest the client declared in `X-Content-SHA256`, nil when absent; 400 when malformed.
    public static func declaredDigest(_ request: Request) throws -> BlobDigest? {
        guard let text = request.headers[digestHeader] else { return nil }
        guard let digest = BlobDigest(hex: text.lowercased()) else {
            throw Problem.badRequest("X-Content-SHA256 must be 64 hex digits.")
        }
        return digest
    }

    /// 415 unless the request is `application/octet-stream` (or has no content type).
    public static func requireOctetStream(_ request: Request) throws {
        if let type = request.headers[.contentType]?.lowercased(), !type.hasPrefix("application/octet-stream") {
            throw Problem.unsupportedMediaType("application/octet-stream")
        }
    }
}
