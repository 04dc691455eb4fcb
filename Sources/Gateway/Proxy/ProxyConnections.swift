import NIOConcurrencyHelpers

/// The proxied WebSockets open on this node, by session, so that a stopping session can close
/// its sockets: the session manager calls ``closeAll(session:)`` right after it removes the
/// session from the ``Sessions/ProxyDirectory`` (and the bridges also close on their own when the
/// session process goes away).
public final class ProxyConnections: Sendable {
    /// Closes one bridged socket (sends the browser a close frame; idempotent).
    public typealias Closer = @Sendable (_ reason: String) async -> Void

    private struct State {
        var nextId: UInt64 = 0
        var bySession: [String: [UInt64: Closer]] = [:]
        var count = 0
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    /// Registers an open socket of `session`; returns the key to ``remove(session:id:)`` it with.
    func add(session: String, closer: @escaping Closer) -> UInt64 {
        state.withLockedValue { state in
            state.nextId += 1
            state.bySession[session, default: [:]][state.nextId] = closer
            state.count += 1
            return state.nextId
        }
    }

    func remove(session: String, id: UInt64) {
        state.withLockedValue { state in
            guard state.bySession[session]?.removeValue(forKey: id) != nil else { return }
            state.count -= 1
            if state.bySession[session]?.isEmpty == true { state.bySession[session] = nil }
        }
    }

    /// Closes every proxied socket of `session` (close code 1001, "going away"); returns once the
    /// close frames are on their way.
    public func closeAll(session: String, reason: String = "The session has stopped.") async {
        let closers = state.withLockedValue { state in state.bySession[session].map { Array($0.values) } ?? [] }
        await withTaskGroup(of: Void.self) { group in
            for closer in closers { group.addTask { await closer(reason) } }
        }
    }

    /// Open proxied sockets of `session`.
    public func count(session: String) -> Int {
        state.withLockedValue { $0.bySession[session]?.count ?? 0 }
    }

    /// Open proxied sockets on this node.
    public var count: Int { state.withLockedValue { $0.count } }
}
