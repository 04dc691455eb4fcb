import Foundation

/// The life of one data session as a value: events in, actions out, no I/O (tested alone).
///
/// starting ─ready→ ready ─stop/idle/disconnected→ stopping ─exited→ ended
///     └──────────── exited (crashed before ready) ───────────────────┘
public struct DataSessionMachine: Sendable {
    public enum State: Sendable, Hashable {
        case starting
        case ready
        case stopping(StopReason)
        case ended(SessionEnd)
    }

    public enum Event: Sendable, Hashable {
        case ready(Date)
        case exited(ProcessExit, Date)
        case socketOpened(Date)
        case socketClosed(Date)
        case request(Date)
        case solveStarted
        case solveEnded(Date)
        case stop(StopReason)
        case tick(Date)
    }

    public enum Action: Sendable, Hashable {
        /// Record it ready and route the proxy to it.
        case publish
        /// SIGTERM the process group (SIGKILL after the manifest's grace).
        case terminate(StopReason)
        /// Tear down: remove the proxy route and close its sockets, return the seat, revoke the
        /// token, keep the log, record the end.
        case finish(SessionEnd)
    }

    public private(set) var state: State = .starting
    public private(set) var sockets = 0
    public private(set) var solves = 0
    public private(set) var lastActivity: Date
    /// When the last socket closed (or the session became ready without one).
    public private(set) var unattendedSince: Date?
    public let started: Date
    public let timeouts: SessionTimeouts

    public init(started: Date, timeouts: SessionTimeouts) {
        self.started = started
        self.timeouts = timeouts
        self.lastActivity = started
    }

    public var isEnded: Bool { if case .ended = state { true } else { false } }

    public mutating func handle(_ event: Event) -> [Action] {
        switch (state, event) {
        case (.ended, _):
            return []
        case (.starting, .ready(let now)):
            state = .ready
            lastActivity = now
            if sockets == 0 { unattendedSince = now }
            return [.publish]
        case (.starting, .exited(let exit, _)):
            state = .ended(.crashed(exit))
            return [.finish(.crashed(exit))]
        case (.ready, .exited(let exit, _)):
            let end: SessionEnd = exit.succeeded ? .exited : .crashed(exit)
            state = .ended(end)
            return [.finish(end)]
        case (.stopping(let reason), .exited):
            state = .ended(.stopped(reason))
            return [.finish(.stopped(reason))]
        case (.starting, .stop(let reason)), (.ready, .stop(let reason)):
            state = .stopping(reason)
            return [.terminate(reason)]
        case (.stopping, .stop):
            return []
        case (_, .socketOpened(let now)):
            sockets += 1
            lastActivity = now
            unattendedSince = nil
            return []
        case (_, .socketClosed(let now)):
            sockets = max(0, sockets - 1)
            lastActivity = now
            if sockets == 0 { unattendedSince = now }
            return []
        case (_, .request(let now)):
            lastActivity = now
            return []
        case (_, .solveStarted):
            solves += 1
            return []
        case (_, .solveEnded(let now)):
            solves = max(0, solves - 1)
            lastActivity = now
            return []
        case (.starting, .tick(let now)):
            guard now.timeIntervalSince(started) > timeouts.launch else { return [] }
            state = .stopping(.notReady)
            return [.terminate(.notReady)]
        case (.ready, .tick(let now)):
            if solves > 0 { lastActivity = now; return [] }
            if let since = unattendedSince, now.timeIntervalSince(since) > timeouts.reconnectWindow {
                state = .stopping(.disconnected)
                return [.terminate(.disconnected)]
            }
            if now.timeIntervalSince(lastActivity) > timeouts.idle {
                state = .stopping(.idle)
                return [.terminate(.idle)]
            }
            return []
        case (.stopping, .tick), (.stopping, .ready), (.ready, .ready):
            return []
        }
    }
}
