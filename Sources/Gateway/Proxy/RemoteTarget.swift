/// A data session that runs on another node of the cluster: where that node's HTTPS server is,
/// and for whom the request is forwarded.
struct RemoteTarget: Sendable, Equatable {
    let sessionId: String
    /// The node's name in the catalog.
    let node: String
    /// The node's `host[:port]` (from its `https://host[:port]` base URL).
    let authority: String
    /// The user this node authenticated; the other node proxies for them only.
    let userId: String

    /// The same `/s/{session}/…` path and query on the other node, `https://` or `wss://`.
    func url(_ path: ProxyPath, webSocket: Bool) -> String {
        let host = authority.hasSuffix("/") ? String(authority.dropLast()) : authority
        return (webSocket ? "wss://" : "https://") + host + path.prefix + path.rest + (path.query.map { "?" + $0 } ?? "")
    }
}
