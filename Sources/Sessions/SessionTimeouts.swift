import Foundation

/// The timers of a data session (docs/runtime.md, DESIGN §4–5).
public struct SessionTimeouts: Sendable, Hashable {
    /// From spawn to the ready probe answering.
    public var launch: TimeInterval
    /// How long a session without open sockets is kept for a reconnect (a closed tab).
    public var reconnectWindow: TimeInterval
    /// How long a session without any traffic is kept; a running solve counts as traffic.
    public var idle: TimeInterval

    public init(launch: TimeInterval = 30, reconnectWindow: TimeInterval = 300, idle: TimeInterval = 3600) {
        self.launch = launch
        self.reconnectWindow = reconnectWindow
        self.idle = idle
    }
}
