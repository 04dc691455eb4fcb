import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

/// The store → response bridge through a router: a sync producer's bytes arrive whole and in
/// order, and a producer failing half-way never ends the response cleanly.
@Suite struct StreamingDownloadTests {
    struct Broken: Error {}

    static func withDownloadRoute(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        router.get("/data/:size") { _, context -> Response in
            let size = try context.parameters.require("size", as: Int.self)
            return Response(status: .ok, body: StreamingDownload.body(contentLength: size, executor: BlockingExecutor()) { sink in
                var block = [UInt8](repeating: 0, count: 1 << 20)
                var written = 0
                while written < size {
                    let n = min(block.count, size - written)
                    block[0] = UInt8(truncatingIfNeeded: written >> 20)
                    try block.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                    written += n
                }
            })
        }
        router.get("/broken") { _, _ -> Response in
            Response(status: .ok, body: StreamingDownload.body(contentLength: 8 << 20, executor: BlockingExecutor()) { sink in
                try [UInt8](repeating: 1, count: 1 << 20).withUnsafeBytes { try sink.write($0) }
                throw Broken()
            })
        }
        try await Application(router: router).test(.router) { client in try await body(client) }
    }

    @Test func aLargeBodyArrivesWholeAndInOrder() async throws {
        try await Self.withDownloadRoute { client in
            let size = (24 << 20) + 12345
            try await client.execute(uri: "/data/\(size)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == size)
                let view = response.body.readableBytesView
                for chunk in stride(from: 0, to: size, by: 1 << 20) {
                    #expect(view[view.startIndex + chunk] == UInt8(truncatingIfNeeded: chunk >> 20))
                }
            }
        }
    }

    @Test func aProducerFailingHalfWayNeverEndsTheResponseCleanly() async throws {
        try await Self.withDownloadRoute { client in
            // The router client surfaces the producer's error instead of a short, "complete" body
            // (over the wire the connection is closed before Content-Length bytes).
            await #expect(throws: Broken.self) {
                _ = try await client.execute(uri: "/broken", method: .get) { $0 }
            }
        }
    }
}
