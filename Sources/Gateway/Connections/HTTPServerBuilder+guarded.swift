import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL

/// The gateway's listeners, each with the timeouts of ``ConnectionSettings`` (``GuardedChannel``).
extension HTTPServerBuilder {
    /// HTTPS accepting the WebSocket upgrades `webSocketRouter` allows (the session proxy's),
    /// glued to the session at the channel level (``ProxyUpgradeChannel``). TLS buffers on pages
    /// of their own (``PagedBuffersChannel``): an idle proxied socket keeps only what it wrote.
    static func guardedHTTPS(webSocketRouter: Router<AtriumRequestContext>, tls: TLSConfiguration,
                             settings: ConnectionSettings) -> HTTPServerBuilder {
        let webSocketResponder = webSocketRouter.buildResponder()
        return HTTPServerBuilder { responder in
            PagedBuffersChannel(try TLSChannel(GuardedChannel(ProxyUpgradeChannel(responder: responder, webSocketResponder: webSocketResponder,
                                                                                  configuration: settings.http1), settings),
                                               tlsConfiguration: tls))
        }
    }

    /// Plain HTTP/1 (the redirect server, the runtimes' API socket).
    static func guardedHTTP1(settings: ConnectionSettings) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            GuardedChannel(HTTP1Channel(responder: responder, configuration: settings.http1), settings)
        }
    }
}
