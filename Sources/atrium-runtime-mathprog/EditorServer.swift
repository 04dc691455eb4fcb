import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging

/// The data session's HTTP/1.1 + WebSocket server: the UI's files, `/ws`, `/healthz`.
enum EditorServer {
    /// The largest message the UI may send.
    static let maxMessage = 1 << 20

    static func application(listen: BindAddress, secret: String, uiDirectory: String,
                            session: EditorSession, logger: Logger) -> some ApplicationProtocol {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.add(middleware: ProxySecretMiddleware(secret: secret))
        router.add(middleware: UIHeadersMiddleware())
        router.add(middleware: FileMiddleware(uiDirectory, searchForIndexHtml: true, logger: logger))
        router.get("healthz") { _, _ in "ok\n" }
        router.ws("ws") { inbound, outbound, _ in
            let (id, stream) = await session.connect()
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await text in stream {
                        do { try await outbound.write(.text(text)) } catch { break }
                    }
                    // The stream ends on disconnect and when the session stops: say goodbye.
                    try? await outbound.close(.goingAway, reason: "session stopping")
                }
                do {
                    for try await message in inbound.messages(maxSize: maxMessage) {
                        if case .text(let text) = message { await session.handle(text, from: id) }
                    }
                } catch {
                    logger.debug("socket closed", metadata: ["error": "\(error)"])
                }
                await session.disconnect(id)
                group.cancelAll()
            }
        }
        return Application(router: router,
                           server: .http1WebSocketUpgrade(webSocketRouter: router,
                                                          configuration: .init(ws: .init(maxFrameSize: maxMessage, closeTimeout: .seconds(2)))),
                           configuration: .init(address: listen, serverName: nil),
                           logger: logger)
    }
}
