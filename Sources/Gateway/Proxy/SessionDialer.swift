import HTTPTypes
import NIOCore
import NIOPosix
import NIOSSL

/// Opens the session's side of a proxied WebSocket on the browser's event loop: a connection to
/// the session's Unix socket (or, for a session of another node, to that node over TLS) with the
/// WebSocket handshake done (``SessionHandshake``). The channel is left not reading, for the glue.
enum SessionDialer {
    enum Address {
        case unix(path: String)
        /// Another node's `host:port`, with the cluster's trust (one context shared by every socket).
        case tls(authority: String, context: NIOSSLContext)
    }

    /// The channel and the bytes that came behind the session's 101.
    static func connect(_ address: Address, on eventLoop: any EventLoop, target: String, headers: HTTPFields,
                        timeout: TimeAmount) -> EventLoopFuture<(any Channel, ByteBuffer)> {
        let done = eventLoop.makePromise(of: ByteBuffer.self)
        let host: String
        let tls: (NIOSSLContext, String)?
        switch address {
        case .unix:
            host = "session"
            tls = nil
        case .tls(let authority, let context):
            host = authority
            tls = (context, hostName(authority))
        }
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(timeout)
            .channelOption(.autoRead, value: false)
            // An idle socket keeps its last receive buffer: start at 512 bytes (a session's 101
            // and small frames fit), not NIO's 2 KiB; a full read still grows it (to 8 KiB, then 64).
            .channelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 512, maximum: 65536))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let (context, name) = tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: name))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        SessionHandshake(target: target, host: host, headers: headers, timeout: timeout, done: done))
                }
            }
        let connected: EventLoopFuture<any Channel>
        switch address {
        case .unix(let path):
            connected = bootstrap.connect(unixDomainSocketPath: path)
        case .tls(let authority, _):
            let (name, port) = split(authority)
            connected = bootstrap.connect(host: name, port: port)
        }
        connected.whenFailure { done.fail($0) }
        return connected.and(done.futureResult).flatMapErrorThrowing { error in
            connected.whenSuccess { $0.close(promise: nil) }
            throw error
        }
    }

    /// `host` and port of `host[:port]` (IPv6 in brackets); 443 when no port is given.
    static func split(_ authority: String) -> (host: String, port: Int) {
        let parts = Authority(authority)
        return (String(parts.host), parts.port ?? 443)
    }

    private static func hostName(_ authority: String) -> String { split(authority).host }
}
