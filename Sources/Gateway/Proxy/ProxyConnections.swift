import NIOConcurrencyHelpers

/// The proxied WebSockets open on this node, by session, so that a stopping session can close
/// its sockets: the session manager calls ``closeAll(session:)`` right after it removes the
/// session from the ``Sessions/ProxyDirectory`` (and the bridges also close on their own when the
/// session process goes away). It also counts each user's sockets, for their `webSockets` quota:
/// ``add(session:user:limit:closer:)`` checks and counts in one step, so racing upgrades cannot
/// pass the limit together. The count is this node's: in a cluster a user may hold their limit
/// on each node.
public final class ProxyConnections: Sendable {
    /// Closes one bridged socket (sends the browser a close frame; idempotent).
    public typealias Closer = @Sendable (_ reason: String) async -> Void

    private struct State {
        var nextId: UInt64 = 0
        var bySession: [String: [UInt64: Closer]] = [:]
        var count = 0
        /// The counted user of each socket, and their open sockets.
        var userOf: [UInt64: String] = [:]
        var byUser: [String: Int] = [:]
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    /// What ``add(session:user:limit:closer:)`` answers: the key to ``remove(session:id:)`` the
    /// socket with, or that `user` already has `used` sockets open, their limit.
    enum Admission: Equatable {
        case admitted(UInt64)
        case refused(used: Int)
    }

    /// Registers an open socket of `session`, counted for `user` (nil: not counted, such as a
    /// socket another node forwarded, counted there) unless they already hold `limit` (nil: unlimited).
    func add(session: String, user: String? = nil, limit: Int64? = nil, closer: @escaping Closer) -> Admission {
        state.withLockedValue { state in
            if let user {
                let used = state.byUser[user, default: 0]
                if let limit, Int64(used) >= limit { return .refused(used: used) }
                state.byUser[user] = used + 1
            }
            state.nextId += 1
            state.bySession[session, default: [:]][state.nextId] = closer
            state.count += 1
            if let user { state.userOf[state.nextId] = user }
            return .admitted(state.nextId)
        }
    }

    func remove(session: String, id: UInt64) {
        state.withLockedValue { state in
            guard state.bySession[session]?.removeValue(forKey: id) != nil else { return }
            state.count -= 1
            if state.bySession[session]?.isEmpty == true { state.bySession[session] = nil }
            if let user = state.userOf.removeValue(forKey: id) {
                let left = state.byUser[user, default: 1] - 1
                state.byUser[user] = left > 0 ? left : nil
            }
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

    /// Open proxied sockets of `user` on this node (those counted for their quota).
    public func count(user: String) -> Int {
        state.withLockedValue { $0.byUser[user] ?? 0 }
    }

    /// Open proxied sockets on this node.
    public var count: Int { state.withLockedValue { $0.count } }
}
