import Hummingbird
import HummingbirdWebSocket
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOSSL
import NIOWebSocket
import Sessions

/// Joins a browser's WebSocket to the session's: connects to `ws://host:port/<path>?<query>` with
/// the proxy secret (or, for a session of another node, to that node's `wss://…/s/{session}/…`
/// with the cluster secret) and passes frames both ways as they come, until either side closes. A close
/// from the session reaches the browser with its code and reason; a session that refuses or is
/// down closes the browser's socket with 1011. `socketOpened` and `socketClosed` are reported once
/// each per socket, whatever happens.
///
/// Per socket this holds a handful of small tasks and no buffers of its own (a frame in flight at
/// most), so idle sockets cost little.
struct WebSocketBridge: Sendable {
    let directory: ProxyDirectory
    let remote: RemoteSessions
    let connections: ProxyConnections
    let configuration: SessionProxyConfiguration
    let metrics: ProxyMetrics
    /// Calls other nodes (`wss://`, cluster trust).
    let cluster: SessionProxyClient

    private enum Side: Sendable { case session, browser, timer }

    func run(browserIn: WebSocketInboundStream, browserOut: WebSocketOutboundWriter, request: Request,
             context: AtriumRequestContext) async {
        // Checked again (the upgrade was checked too): the session may have stopped in between.
        guard let path = ProxyPath(rawTarget: request.head.path ?? ""), let identity = context.identity,
              let route = try? await ProxyAccess.locate(path: path, identity: identity, directory: directory, remote: remote,
                                                        logger: context.logger) else {
            try? await browserOut.close(.unexpectedServerError, reason: "The session is not running.")
            return
        }
        // The handler sees the request as it came: for one a node forwarded (its secret checked), the
        // browser's host is in the cluster header.
        let authority = identity.forwarded ? request.headers[ClusterHeaders.host] ?? request.head.authority : request.head.authority
        let url: String, headers: HTTPFields, tls: TLSConfiguration?
        switch route {
        case .local(let target):
            url = "ws://\(target.host):\(target.port)\(path.target)"
            headers = ProxyHeaders.upgrade(ProxyHeaders.request(request.headers, authority: authority, path: path,
                                                                secret: target.secret, remoteAddress: context.remoteAddress))
            tls = nil
            await directory.report(session: target.sessionId, .socketOpened)
        case .remote(let target):
            guard let secret = remote.clusterSecret, let clusterTLS = try? cluster.tls() else {
                try? await browserOut.close(.unexpectedServerError, reason: "The session's node cannot be reached.")
                return
            }
            url = target.url(path, webSocket: true)
            headers = ProxyHeaders.upgrade(ProxyHeaders.cluster(request.headers, authority: request.head.authority, secret: secret,
                                                                userId: target.userId))
            tls = clusterTLS
        }
        metrics.openSockets.increment()
        let id = connections.add(session: route.sessionId) { reason in try? await browserOut.close(.goingAway, reason: reason) }
        await bridge(browserIn: browserIn, browserOut: browserOut, url: url, headers: headers, tls: tls, logger: context.logger,
                     sessionId: route.sessionId)
        connections.remove(session: route.sessionId, id: id)
        metrics.openSockets.decrement()
        if case .local(let target) = route { await directory.report(session: target.sessionId, .socketClosed) }
    }

    private func bridge(browserIn: WebSocketInboundStream, browserOut: WebSocketOutboundWriter, url: String, headers: HTTPFields,
                        tls: TLSConfiguration?, logger: Logger, sessionId: String) async {
        let (sessionWriter, gotWriter) = AsyncStream.makeStream(of: WebSocketOutboundWriter?.self, bufferingPolicy: .bufferingNewest(1))
        let client = WebSocketClientConfiguration(maxFrameSize: configuration.maxFrameSize, additionalHeaders: headers, autoPing: .disabled)
        await withTaskGroup(of: Side.self) { group in
            group.addTask {
                do {
                    let closed = try await WebSocketClient.connect(url: url, configuration: client, tlsConfiguration: tls,
                                                                   logger: logger) { sessionIn, sessionOut, _ in
                        gotWriter.yield(sessionOut)
                        gotWriter.finish()
                        for try await frame in sessionIn { try await browserOut.write(.custom(Self.frame(frame))) }
                    }
                    gotWriter.finish()
                    try? await browserOut.close(closed?.closeCode ?? .normalClosure, reason: closed?.reason)
                } catch {
                    gotWriter.finish()
                    logger.debug("proxied socket failed", metadata: ["error.type": "\(type(of: error))", "session": "\(sessionId)"])
                    try? await browserOut.close(.unexpectedServerError, reason: "The session is not answering.")
                }
                return .session
            }
            group.addTask {
                var writers = sessionWriter.makeAsyncIterator()
                guard let sessionOut = await writers.next() ?? nil else { return .browser }
                do {
                    for try await frame in browserIn { try await sessionOut.write(.custom(Self.frame(frame))) }
                } catch {}
                try? await sessionOut.close(.normalClosure, reason: nil)
                return .browser
            }
            // One side has closed; the other has a while to answer its close, then is cut off.
            _ = await group.next()
            group.addTask {
                try? await Task.sleep(for: .seconds(10))
                return .timer
            }
            _ = await group.next()
            group.cancelAll()
        }
    }

    private static func frame(_ frame: WebSocketDataFrame) -> WebSocketFrame {
        let opcode: WebSocketOpcode = switch frame.opcode {
        case .text: .text
        case .binary: .binary
        case .continuation: .continuation
        }
        return WebSocketFrame(fin: frame.fin, opcode: opcode, data: frame.data)
    }
}
