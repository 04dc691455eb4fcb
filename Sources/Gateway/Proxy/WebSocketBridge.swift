import Catalog
import Hummingbird
import HummingbirdWebSocket
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOSSL
import NIOWebSocket
import Sessions

/// Joins a browser's WebSocket to the session's: upgrades on the session's Unix socket with
/// the proxy secret (or, for a session of another node, to that node's `wss://…/s/{session}/…`
/// with the cluster secret) and passes frames both ways as they come, until either side closes. A close
/// from the session reaches the browser with its code and reason; a session that refuses or is
/// down closes the browser's socket with 1011. `socketOpened` and `socketClosed` are reported once
/// each per socket, whatever happens.
///
/// The socket counts against its user's `webSockets` quota on this node (over it: closed at once
/// with 1008 naming the quota), and a frame from the browser larger than their `frameBytes` quota
/// closes it with 1009 naming the quota. HummingbirdWebSocket's frame limit is one per server
/// (`maxFrameSize`), so the per-user one is checked here.
///
/// Per socket this holds a handful of small tasks and no buffers of its own (a frame in flight at
/// most), so idle sockets cost little.
struct WebSocketBridge: Sendable {
    let directory: ProxyDirectory
    let remote: RemoteSessions
    let connections: ProxyConnections
    let catalog: Catalog
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
        // A socket another node forwarded is counted by that node, where the browser is.
        let userId = identity.user.id
        let limits: (sockets: Int64?, frameBytes: Int)
        do {
            limits = try await QuotaPolicy.socketLimits(userId: userId, serverMaxFrame: configuration.maxFrameSize, catalog)
        } catch {
            try? await browserOut.close(.unexpectedServerError, reason: "The server cannot read your limits; try again shortly.")
            return
        }
        let admission = connections.add(session: route.sessionId, user: identity.forwarded ? nil : userId, limit: limits.sockets) { reason in
            try? await browserOut.close(.goingAway, reason: reason)
        }
        guard case .admitted(let id) = admission else {
            if case .refused(let used) = admission, let limit = limits.sockets {
                try? await browserOut.close(.policyViolation, reason: QuotaExceeded(kind: .webSockets, limit: limit, used: Int64(used)).description)
            }
            return
        }
        metrics.openSockets.increment()
        let frameLimit = limits.frameBytes
        switch route {
        case .local(let target):
            await directory.report(session: target.sessionId, .socketOpened)
            let headers = ProxyHeaders.upgrade(ProxyHeaders.request(request.headers, authority: authority, path: path,
                                                                    secret: target.secret, remoteAddress: context.remoteAddress))
            await bridgeLocal(browserIn: browserIn, browserOut: browserOut, target: target, pathTarget: path.target, headers: headers,
                              frameLimit: frameLimit, logger: context.logger)
        case .remote(let target):
            if let secret = remote.clusterSecret, let clusterTLS = try? cluster.tls() {
                let headers = ProxyHeaders.upgrade(ProxyHeaders.cluster(request.headers, authority: request.head.authority, secret: secret,
                                                                        userId: target.userId))
                await bridge(browserIn: browserIn, browserOut: browserOut, url: target.url(path, webSocket: true), headers: headers,
                             tls: clusterTLS, frameLimit: frameLimit, logger: context.logger, sessionId: route.sessionId)
            } else {
                try? await browserOut.close(.unexpectedServerError, reason: "The session's node cannot be reached.")
            }
        }
        connections.remove(session: route.sessionId, id: id)
        metrics.openSockets.decrement()
        if case .local(let target) = route { await directory.report(session: target.sessionId, .socketClosed) }
    }

    /// A session of this node: its WebSocket over its Unix socket, frames passed as they come, and
    /// its close frame (code and reason) passed to the browser as it was sent.
    private func bridgeLocal(browserIn: WebSocketInboundStream, browserOut: WebSocketOutboundWriter, target: ProxyTarget,
                             pathTarget: String, headers: HTTPFields, frameLimit: Int, logger: Logger) async {
        let session: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>
        do {
            session = try await SessionSocketConnector.connect(socketPath: target.socketPath, target: pathTarget, headers: headers,
                                                               maxFrameSize: configuration.maxFrameSize)
        } catch {
            logger.debug("proxied socket failed", metadata: ["error.type": "\(type(of: error))", "session": "\(target.sessionId)"])
            try? await browserOut.close(.unexpectedServerError, reason: "The session is not answering.")
            return
        }
        try? await session.executeThenClose { sessionIn, sessionOut in
            await withTaskGroup(of: Side.self) { group in
                group.addTask {
                    do {
                        for try await frame in sessionIn {
                            switch frame.opcode {
                            case .text, .binary, .continuation:
                                try await browserOut.write(.custom(WebSocketFrame(fin: frame.fin, opcode: frame.opcode, data: frame.unmaskedData)))
                            case .ping:
                                try await sessionOut.write(WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData))
                            case .connectionClose:
                                var data = frame.unmaskedData
                                let code = data.readWebSocketErrorCode() ?? .normalClosure
                                try? await browserOut.close(code, reason: data.readString(length: data.readableBytes))
                                return .session
                            default:
                                break
                            }
                        }
                        try? await browserOut.close(.normalClosure, reason: nil)
                    } catch {
                        try? await browserOut.close(.unexpectedServerError, reason: "The session is not answering.")
                    }
                    return .session
                }
                group.addTask {
                    do {
                        for try await frame in browserIn {
                            guard await Self.within(frameLimit, frame, browserOut) else { break }
                            try await sessionOut.write(WebSocketFrame(fin: frame.fin, opcode: Self.opcode(frame.opcode), maskKey: .random(),
                                                                      data: frame.data))
                        }
                    } catch {}
                    var close = ByteBuffer()
                    close.write(webSocketErrorCode: .normalClosure)
                    try? await sessionOut.write(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: close))
                    return .browser
                }
                await Self.endOnceOneSideCloses(&group)
            }
        }
    }

    private func bridge(browserIn: WebSocketInboundStream, browserOut: WebSocketOutboundWriter, url: String, headers: HTTPFields,
                        tls: TLSConfiguration?, frameLimit: Int, logger: Logger, sessionId: String) async {
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
                    for try await frame in browserIn {
                        guard await Self.within(frameLimit, frame, browserOut) else { break }
                        try await sessionOut.write(.custom(Self.frame(frame)))
                    }
                } catch {}
                try? await sessionOut.close(.normalClosure, reason: nil)
                return .browser
            }
            await Self.endOnceOneSideCloses(&group)
        }
    }

    /// One side has closed; the other has a while to answer its close, then is cut off.
    private static func endOnceOneSideCloses(_ group: inout TaskGroup<Side>) async {
        _ = await group.next()
        group.addTask {
            try? await Task.sleep(for: .seconds(10))
            return .timer
        }
        _ = await group.next()
        group.cancelAll()
    }

    /// Whether a browser's frame is within its user's `frameBytes` limit; if not, the browser's
    /// socket is closed with 1009 naming the quota (the session's side then closes normally).
    private static func within(_ limit: Int, _ frame: WebSocketDataFrame, _ browserOut: WebSocketOutboundWriter) async -> Bool {
        guard frame.data.readableBytes > limit else { return true }
        let exceeded = QuotaExceeded(kind: .frameBytes, limit: Int64(limit), used: 0, requested: Int64(frame.data.readableBytes))
        try? await browserOut.close(.messageTooLarge, reason: exceeded.description)
        return false
    }

    private static func frame(_ frame: WebSocketDataFrame) -> WebSocketFrame {
        WebSocketFrame(fin: frame.fin, opcode: opcode(frame.opcode), data: frame.data)
    }

    private static func opcode(_ opcode: WebSocketDataFrame.Opcode) -> WebSocketOpcode {
        switch opcode {
        case .text: .text
        case .binary: .binary
        case .continuation: .continuation
        }
    }
}
