/// Where data sessions are served (docs/session-origin.md): each on a host of its own,
/// `<session>.<sessionHost>`, with the same `/s/<session>/` path as on the portal's host, which
/// only hands the browser over. A session's page is then another site than the portal's: its
/// script can neither read the portal's answers nor send its cookies, and the session's own cookie
/// (``SessionPassCookie``) is one the portal never reads.
public struct SessionHosts: Sendable, Equatable {
    /// The parent of every session's host name, lowercased (`sessions.localhost`).
    public let domain: String

    public init(domain: String) {
        var domain = domain.lowercased()
        if domain.hasSuffix(".") { domain.removeLast() }
        self.domain = domain
    }

    /// Where a request came to, by its `Host` (`:authority`).
    public enum Place: Sendable, Equatable {
        /// The portal's host (any host outside the sessions' domain).
        case portal
        /// A session's host: the first label under the domain (not necessarily a session's id);
        /// empty for the domain itself or a name deeper down.
        case session(String)
    }

    /// Where a request with this authority (`host[:port]`) came to.
    public func place(ofAuthority authority: String?) -> Place {
        guard let authority else { return .portal }
        let parts = Authority(authority.lowercased())
        guard !parts.isBracketed else { return .portal }  // an IPv6 literal
        var host = parts.host
        if host.hasSuffix(".") { host = host.dropLast() }
        if host == domain { return .session("") }
        guard host.hasSuffix("." + domain) else { return .portal }
        let label = host.dropLast(domain.count + 1)
        return .session(label.contains(".") ? "" : String(label))
    }

    /// The session's own URL as a browser that reached the gateway at `authority` opens it: the
    /// same port, the session's host, the session's path; `rest` is what follows `/s/<session>`.
    public func url(session: String, authority: String?, rest: String = "/") -> String {
        "https://\(session).\(domain)\(Self.port(of: authority))/s/\(session)\(rest.hasPrefix("/") ? rest : "/" + rest)"
    }

    /// Whether a browser that reached the gateway at `authority` can reach the sessions' hosts:
    /// names under `localhost` are always this machine, so they only work for a browser on it
    /// (one that reached the gateway at a loopback address or a `localhost` name).
    public func reachable(from authority: String?) -> Bool {
        guard domain == "localhost" || domain.hasSuffix(".localhost") else { return true }
        guard let authority else { return false }
        let parts = Authority(authority.lowercased())
        if parts.isBracketed { return parts.host == "::1" }
        let host = parts.host
        return host == "localhost" || host.hasSuffix(".localhost") || host.hasPrefix("127.")
    }

    /// `:port` of an authority, or empty when it names none.
    static func port(of authority: String?) -> String {
        guard let authority, let port = Authority(authority).port else { return "" }
        return ":\(port)"
    }
}
