import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import ServiceLifecycle

/// A stand-in data session: a Hummingbird server on a Unix socket (as runtimes listen) that, like a runtime, refuses
/// every request without the proxy secret (403), and offers
/// - `/echo/…` (any method): the method, raw path, body size and headers as JSON;
/// - `/big?mib=N`: N MiB streamed in 64 KiB pieces;
/// - `/slow`: answers after 3 s;
/// - `/cookies`: sets the gateway's cookie name and another;
/// - WebSocket `/ws`: echoes every message; the text `close:CODE` closes with CODE and reason "bye".
final class ProxyTestBackend: @unchecked Sendable {
    static let secret = "backend-secret-1"
    let socketPath: String
    let group: ServiceGroup
    let running: Task<Void, any Error>

    init() async throws {
        socketPath = "/tmp/atrium-backend-\(UUID().uuidString.prefix(8)).sock"
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.add(middleware: SecretCheck())
        for method: HTTPRequest.Method in [.get, .head, .post, .put, .delete] {
            router.on("/echo/**", method: method) { request, _ -> Response in
                var size = 0
                for try await piece in request.body { size += piece.readableBytes }
                var headers: [String: [String]] = [:]
                for field in request.headers { headers[field.name.canonicalName, default: []].append(field.value) }
                let json = try JSONSerialization.data(withJSONObject: [
                    "method": request.method.rawValue, "path": request.head.path ?? "", "size": size, "headers": headers,
                ] as [String: Any])
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: json)))
            }
        }
        router.get("/big") { request, _ -> Response in
            let mib = request.uri.queryParameters.get("mib", as: Int.self) ?? 1
            return Response(status: .ok, headers: [.contentType: "application/octet-stream", .contentLength: String(mib << 20)],
                            body: ResponseBody { writer in
                                let piece = ByteBuffer(repeating: 0x61, count: 64 << 10)
                                for _ in 0..<(mib * 16) { try await writer.write(piece) }
                                try await writer.finish(nil)
                            })
        }
        router.get("/slow") { _, _ -> String in
            try await Task.sleep(for: .seconds(3))
            return "late"
        }
        router.get("/cookies") { _, _ -> Response in
            var response = Response(status: .ok)
            response.headers.append(HTTPField(name: .setCookie, value: "__Host-atrium_session=stolen; Path=/"))
            response.headers.append(HTTPField(name: .setCookie, value: "__Host-atrium_s=stolen; Path=/; Secure"))
            response.headers.append(HTTPField(name: .setCookie, value: "theme=dark; Path=/"))
            return response
        }
        let ws = Router(context: BasicWebSocketRequestContext.self)
        ws.add(middleware: SecretCheck())
        ws.ws("/ws") { inbound, outbound, _ in
            for try await message in inbound.messages(maxSize: 32 << 20) {
                switch message {
                case .text(let text) where text.hasPrefix("close:"):
                    let code = UInt16(text.dropFirst(6)) ?? 4000
                    try await outbound.close(.init(codeNumber: Int(code)), reason: "bye")
                    return
                case .text(let text): try await outbound.write(.text(text))
                case .binary(let buffer): try await outbound.write(.binary(buffer))
                }
            }
        }
        let (started, listening) = AsyncStream<Void>.makeStream()
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: ws, configuration: .init(ws: .init(maxFrameSize: 16 << 20))),
            configuration: .init(address: .unixDomainSocket(path: socketPath)),
            onServerRunning: { _ in listening.yield() },
            logger: Logger(label: "backend")
        )
        group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "backend")))
        let group = self.group
        running = Task { try await group.run() }
        var ready = started.makeAsyncIterator()
        await ready.next()
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await running.value
        try? FileManager.default.removeItem(atPath: socketPath)
    }

    struct SecretCheck: RouterMiddleware {
        typealias Context = BasicWebSocketRequestContext
        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            guard request.headers[HTTPField.Name("X-Atrium-Proxy-Secret")!] == ProxyTestBackend.secret else {
                return Response(status: .forbidden)
            }
            return try await next(request, context)
        }
    }
}
