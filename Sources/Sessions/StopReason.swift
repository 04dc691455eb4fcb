/// Why Atrium stops a data session.
public enum StopReason: String, Sendable, Hashable, Codable {
    /// Its user (or an admin) asked.
    case requested
    /// No traffic for the idle timeout.
    case idle
    /// No socket came back within the reconnect window.
    case disconnected
    /// The node is shutting down.
    case shutdown
    /// It did not answer its ready probe in time.
    case notReady = "not-ready"
    /// Its seat lease or the license no longer holds.
    case unlicensed
    /// The cluster declared this node dead (it missed its heartbeats): the session was already
    /// ended as lost and its seat returned by the master.
    case nodeLost = "node-lost"
}
