/// How the `/s/{session}/…` proxy behaves; defaults suit a single node with loopback sessions.
public struct SessionProxyConfiguration: Sendable, Equatable {
    /// How often the gateway pings an idle browser socket (keeps NATs and load balancers from
    /// dropping it); nil turns pings off. Default 30 s.
    public var pingInterval: Duration?
    /// Largest WebSocket frame accepted from either side. Default 16 MiB.
    public var maxFrameSize: Int
    /// Time a session has to answer a proxied HTTP request with its response head (504 after).
    /// The body then streams as long as it takes. Default 60 s.
    public var responseTimeout: Duration
    /// Time to open a connection to a session (502 after). Default 5 s.
    public var connectTimeout: Duration
    /// Idle keep-alive connections kept to each session process. Default 8.
    public var connectionsPerSession: Int

    public init(pingInterval: Duration? = .seconds(30), maxFrameSize: Int = 16 << 20, responseTimeout: Duration = .seconds(60),
                connectTimeout: Duration = .seconds(5), connectionsPerSession: Int = 8) {
        self.pingInterval = pingInterval
        self.maxFrameSize = maxFrameSize
        self.responseTimeout = responseTimeout
        self.connectTimeout = connectTimeout
        self.connectionsPerSession = connectionsPerSession
    }
}
