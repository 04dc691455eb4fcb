/// What the proxy tells the session manager about a session's traffic: the reconnect window
/// starts when the last socket closes, and any of these counts against the idle timeout.
public enum ProxyActivity: Sendable, Hashable {
    case socketOpened
    case socketClosed
    case request
}
