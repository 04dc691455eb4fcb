import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import NIOSSL

/// The gateway's listeners, each with the timeouts of ``ConnectionSettings`` (``GuardedChannel``).
extension HTTPServerBuilder {
    /// HTTPS accepting the WebSocket upgrades `webSocketRouter` allows (the session proxy's).
    static func guardedHTTPS(webSocketRouter: Router<AtriumRequestContext>, webSocket: WebSocketServerConfiguration,
                             tls: TLSConfiguration, settings: ConnectionSettings) -> HTTPServerBuilder {
        let webSocketResponder = webSocketRouter.buildResponder()
        let configuration = HTTP1WebSocketUpgradeChannel.Configuration(http1: settings.http1, ws: webSocket)
        return HTTPServerBuilder { responder in
            try TLSChannel(GuardedChannel(HTTP1WebSocketUpgradeChannel(responder: responder, webSocketResponder: webSocketResponder,
                                                                       configuration: configuration), settings),
                           tlsConfiguration: tls)
        }
    }

    /// Plain HTTP/1 (the redirect server, the runtimes' API socket).
    static func guardedHTTP1(settings: ConnectionSettings) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            GuardedChannel(HTTP1Channel(responder: responder, configuration: settings.http1), settings)
        }
    }
}
