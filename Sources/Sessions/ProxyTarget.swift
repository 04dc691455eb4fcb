/// Where the gateway's proxy sends `/s/{session}/…` traffic: a data session process listening on
/// a Unix socket in its own directory (`S/sock/serve.sock`), reachable only with its proxy secret,
/// for its owner only. A Unix socket gives the runtime no network address at all (it may have no
/// network in its sandbox), and no other process can take it between launch and listen, as could
/// happen with a freed loopback port.
public struct ProxyTarget: Sendable, Hashable {
    public let sessionId: String
    /// The only user who may reach the session through the proxy.
    public let ownerId: String
    /// The session's listening socket, as the gateway sees it (a host path).
    public let socketPath: String
    /// Sent as `X-Atrium-Proxy-Secret` on every proxied request and WebSocket upgrade.
    public let secret: String

    public init(sessionId: String, ownerId: String, socketPath: String, secret: String) {
        self.sessionId = sessionId
        self.ownerId = ownerId
        self.socketPath = socketPath
        self.secret = secret
    }
}
