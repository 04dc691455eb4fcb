import Hummingbird
import NIOCore

/// The request context of every gateway route: who is calling (set by
/// ``AuthenticationMiddleware``) and from which address. It can also carry a WebSocket upgrade
/// (the session proxy's), so upgrade requests run through the same middleware as any other.
public struct AtriumRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, or nil for an anonymous request.
    public var identity: Identity?
    /// The first label of the session host the request came to (``SessionHostMiddleware``); nil
    /// on the portal's host.
    public var sessionHost: String?
    /// The peer's IP address (used for rate limits on log-on).
    public let remoteAddress: String
    /// Where the session proxy's WebSocket route leaves the socket it prepared; set by the HTTPS
    /// listener's upgrader only (``ProxyUpgrader``).
    var proxyUpgrade: ProxyUpgradeSlot?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.sessionHost = nil
        self.remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// JSON bodies are small; uploads stream and have their own limit.
    public var maxUploadSize: Int { 1 << 20 }
}
