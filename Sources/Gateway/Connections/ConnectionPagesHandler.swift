import NIOCore

/// Keeps an HTTPS connection's ``ConnectionPages`` in its pipeline, for the proxy to find when it
/// glues the connection to a session (which takes them and removes this handler). It passes
/// every event on untouched.
final class ConnectionPagesHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny

    let pages: ConnectionPages

    init(_ pages: ConnectionPages) {
        self.pages = pages
    }
}
