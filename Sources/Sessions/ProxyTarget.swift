/// Where the gateway's proxy sends `/s/{session}/…` traffic: a data session process listening on
/// loopback, reachable only with its proxy secret, for its owner only.
public struct ProxyTarget: Sendable, Hashable {
    public let sessionId: String
    /// The only user who may reach the session through the proxy.
    public let ownerId: String
    public let host: String
    public let port: Int
    /// Sent as `X-Atrium-Proxy-Secret` on every proxied request and WebSocket upgrade.
    public let secret: String

    public init(sessionId: String, ownerId: String, host: String, port: Int, secret: String) {
        self.sessionId = sessionId
        self.ownerId = ownerId
        self.host = host
        self.port = port
        self.secret = secret
    }
}
