/// How long a client may keep a connection of any listener (HTTPS, the HTTP redirect, the
/// runtimes' API socket) without doing its part, and how many transfer slots one user may hold:
/// the `connectionIdleSeconds`, `headerTimeoutSeconds`, `transferIdleSeconds` and
/// `transfersPerUser` settings. ``GuardedChannel`` and ``ConnectionWatch`` apply the timeouts;
/// the executor's transfers lane applies the share (``BlockingLimits/transfersPerHolder``).
public struct ConnectionSettings: Sendable, Equatable {
    /// A keep-alive connection with no request for this long is closed.
    public var idleSeconds: Double = 60
    /// A request's head (request line and headers) must arrive within this long: from the
    /// connection's start for its first request (the TLS handshake included), from the first byte
    /// of each later one.
    public var headerSeconds: Double = 10
    /// A request body or a response that waits this long on the client without moving
    /// ``ConnectionWatch/progressBytes`` is cut off, and the connection with it.
    public var transferIdleSeconds: Double = 30
    /// Uploads and downloads one user may run at once, of the transfers lane's 32; past it 429.
    public var transfersPerUser = 8

    public init() {}
}
