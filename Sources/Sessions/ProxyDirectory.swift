/// The live data sessions this node can proxy to, and the sink for their traffic events.
///
/// The session manager registers a target when a session is ready and removes it when the
/// session stops; the gateway's proxy looks targets up per request and reports activity, which
/// goes to the `listener` given at construction (the composition root feeds it to
/// ``SessionService``, which passes it on to the session manager).
public actor ProxyDirectory {
    private var targets: [String: ProxyTarget] = [:]
    private let listener: @Sendable (_ session: String, ProxyActivity) -> Void

    public init(listener: @escaping @Sendable (_ session: String, ProxyActivity) -> Void = { _, _ in }) {
        self.listener = listener
    }

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

    public func report(session: String, _ activity: ProxyActivity) {
        listener(session, activity)
    }

    public var count: Int { targets.count }
}
