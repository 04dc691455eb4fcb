/// A request path under the proxy, split as the raw request target was sent (still
/// percent-encoded): `/s/{session}{rest}?{query}`.
struct ProxyPath: Sendable, Equatable {
    /// The session id: letters, digits, `-` and `_` only.
    let session: String
    /// The path the session sees: empty for `/s/{session}` itself, else starting with `/`.
    let rest: String
    /// The query without its `?`, or nil when there was none.
    let query: String?

    /// The prefix the browser sees, without its trailing slash.
    var prefix: String { "/s/" + session }
    /// The path and query to send to the session.
    var target: String { (rest.isEmpty ? "/" : rest) + (query.map { "?" + $0 } ?? "") }

    init?(rawTarget: String) {
        let parts = rawTarget.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts[0]
        guard path.hasPrefix("/s/") else { return nil }
        let afterPrefix = path.dropFirst(3)
        let session = afterPrefix.prefix { $0 != "/" }
        guard !session.isEmpty, session.utf8.count <= 128,
              session.unicodeScalars.allSatisfy(Self.allowed.contains) else { return nil }
        self.session = String(session)
        self.rest = String(afterPrefix.dropFirst(session.count))
        self.query = parts.count > 1 ? String(parts[1]) : nil
    }

    private static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_".unicodeScalars)
}
