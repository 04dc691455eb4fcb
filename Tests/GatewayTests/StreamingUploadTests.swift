import Crypto
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

/// The body → store bridge on its own: a router whose one route puts the body as a blob.
@Suite struct StreamingUploadTests {
    static func withUploadRoute(limit: Int64, executor: BlockingExecutor = BlockingExecutor(),
                                _ body: @Sendable (any TestClientProtocol, BlobStore) async throws -> Void) async throws {
        let store = BlobStore(backend: InMemoryBackend())
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        router.put("/blob") { request, _ -> Response in
            try StreamingUpload.requireOctetStream(request)
            let expected = try StreamingUpload.declaredDigest(request)
            let info = try await StreamingUpload.consume(request, limit: limit, executor: executor) { source in
                try store.put(from: source, expected: expected)
            }
            return Response(status: .created, body: .init(byteBuffer: ByteBuffer(string: info.digest.hex)))
        }
        try await Application(router: router).test(.router) { client in try await body(client, store) }
    }

    /// `count` bytes of a random 64 KiB block repeated with a varying first byte (cheap in debug builds).
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let block = (0..<(64 << 10)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var data = [UInt8]()
        data.reserveCapacity(count)
        var counter: UInt8 = 0
        while data.count < count {
            data.append(counter)
            data.append(contentsOf: block.prefix(count - data.count))
            counter &+= 1
        }
        return data
    }

    @Test func largeBodyStreamsIntoTheStoreWithItsDigest() async throws {
        let data = Self.bytes(24 << 20)
        let hex = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        try await Self.withUploadRoute(limit: 64 << 20) { client, store in
            try await client.execute(uri: "/blob", method: .put, headers: [StreamingUpload.digestHeader: hex],
                                     body: ByteBuffer(bytes: data)) { response in
                #expect(response.status == .created)
                #expect(String(buffer: response.body) == hex)
            }
            #expect(try store.read(BlobDigest(hex: hex)!, limit: 32 << 20) == data)
        }
    }

    @Test func wrongDigestOversizeAndWrongTypeStoreNothing() async throws {
        let data = Self.bytes(3 << 20)
        try await Self.withUploadRoute(limit: 2 << 20) { client, store in
            try await client.execute(uri: "/blob", method: .put, body: ByteBuffer(bytes: data)) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/blob", method: .put, headers: [StreamingUpload.digestHeader: String(repeating: "0", count: 64)],
                                     body: ByteBuffer(bytes: data.prefix(1 << 20))) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/blob", method: .put, headers: [StreamingUpload.digestHeader: "xyz"],
                                     body: ByteBuffer(bytes: data.prefix(10))) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/blob", method: .put, headers: [.contentType: "text/plain"],
                                     body: ByteBuffer(bytes: data.prefix(10))) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            #expect(try store.list().isEmpty)
        }
    }
}
