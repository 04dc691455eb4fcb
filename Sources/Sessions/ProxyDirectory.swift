/// The live data sessions this node can proxy to, and the sink for their traffic events.
///
/// The session manager registers a target when a session is ready and removes it when the
/// session stops; the gateway's proxy looks targets up per request and reports activity.
public actor ProxyDirectory {
    private var targets: [String: ProxyTarget] = [:]
    private var listener: (@Sendable (String, ProxyActivity) -> Void)?

    public init() {}

    public func register(_ target: ProxyTarget) {
        targets[target.sessionId] = target
    }

    public func remove(session: String) {
        targets[session] = nil
    }

    /// The target of `session`, or nil when no live session of that id runs on this node.
    public func target(session: String) -> ProxyTarget? {
        targets[session]
    }

    /// Called for every activity event (the session manager sets it once).
    public func setListener(_ listener: @escaping @Sendable (String, ProxyActivity) -> Void) {
        self.listener = listener
    }

    public func report(session: String, _ activity: ProxyActivity) {
        listener?(session, activity)
    }

    public var count: Int { targets.count }
}
