import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of every gateway route: who is calling (set by
/// ``AuthenticationMiddleware``) and from which address. It can also carry a WebSocket upgrade
/// (the session proxy's), so upgrade requests run through the same middleware as any other.
public struct AtriumRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, or nil for an anonymous request.
    public var identity: Identity?
    /// The first label of the session host the request came to (``SessionHostMiddleware``); nil
    /// on the portal's host.
    public var sessionHost: String?
    /// The peer's IP address (used for rate limits on log-on).
    public let remoteAddress: String
    /// Set by a route that accepts a WebSocket upgrade.
    public let webSocket: WebSocketHandlerReference<AtriumRequestContext>

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.sessionHost = nil
        self.remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        self.webSocket = .init()
    }

    /// JSON bodies are small; uploads stream and have their own limit.
    public var maxUploadSize: Int { 1 << 20 }
}
