/// A data session that runs on another node of the cluster: where that node's HTTPS server is,
/// and for whom the request is forwarded.
struct RemoteTarget: Sendable, Equatable {
    let sessionId: String
    /// The node's name in the catalog.
    let node: String
    /// The node's base URL, `https://host[:port]`, without a trailing slash.
    let baseURL: String
    /// The user this node authenticated; the other node proxies for them only.
    let userId: String

    /// The same `/s/{session}/…` path and query on the other node, `https://` or `wss://`.
    func url(_ path: ProxyPath, webSocket: Bool) -> String {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        let scheme = webSocket ? "wss://" : "https://"
        let hostAndPort = base.hasPrefix("https://") ? String(base.dropFirst("https://".count)) : base
        return scheme + hostAndPort + path.prefix + path.rest + (path.query.map { "?" + $0 } ?? "")
    }
}
