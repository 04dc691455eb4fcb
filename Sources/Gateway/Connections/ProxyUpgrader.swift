import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1
import NIOWebSocket

/// The WebSocket upgrade of one connection of the HTTPS listener (``ProxyUpgradeChannel``). The
/// request goes through the WebSocket router (its middleware authenticates it as any request),
/// whose route authorises it and prepares the ``ProxiedSocket`` (session dialled) in the request
/// context's ``ProxyUpgradeSlot``. NIO's WebSocket upgrader checks the handshake and answers 101;
/// then the browser's channel is glued to the session's, with no WebSocket codec in between.
///
/// What the router answers decides the rest: a refusal it throws (not the owner, no such session,
/// another origin) is a bare 400; a user at their `webSockets` quota gets the route's 429 naming
/// it, and a caller over the request rate the middleware's 429 with its `Retry-After`; a route
/// that does not upgrade leaves the request to the HTTP responder.
final class ProxyUpgrader: NIOTypedHTTPServerProtocolUpgrader, Sendable {
    typealias UpgradeResult = ProxyUpgradeChannel.Upgrade
    typealias Authorise = @Sendable (Request, AtriumRequestContext) async throws -> Response

    enum Decision {
        case undecided, refused, declined
        case answered(Problem)
        case accepted(ProxiedSocket)
    }

    let supportedProtocol = "websocket"
    let requiredUpgradeHeaders: [String] = []
    private let handshake: NIOTypedWebSocketServerUpgrader<Void>
    private let decision: NIOLockedValueBox<Decision>
    /// The upgrade request's head: NIO's upgrade handler does not pass it on when it does not
    /// upgrade, so it is given to the HTTP handlers again (``replayHead(on:)``).
    private let head = NIOLockedValueBox<HTTPRequestHead?>(nil)

    init(authorise: @escaping Authorise, logger: Logger) {
        let decision = NIOLockedValueBox(Decision.undecided)
        self.decision = decision
        handshake = NIOTypedWebSocketServerUpgrader<Void>(
            shouldUpgrade: { channel, head in
                let promise = channel.eventLoop.makePromise(of: HTTPHeaders?.self)
                promise.completeWithTask {
                    let outcome = await Self.ask(authorise, channel: channel, head: head, logger: logger)
                    decision.withLockedValue { $0 = outcome }
                    if case .accepted = outcome { return HTTPHeaders() }
                    return nil
                }
                return promise.futureResult
            },
            upgradePipelineHandler: { channel, _ in channel.eventLoop.makeSucceededVoidFuture() }
        )
    }

    /// The router's refusal, if it refused: nil for a bare 400, or the problem to answer with.
    var refusal: Problem?? {
        decision.withLockedValue {
            switch $0 {
            case .refused: .some(nil)
            case .answered(let problem): .some(problem)
            default: nil
            }
        }
    }

    private static func ask(_ authorise: Authorise, channel: any Channel, head: HTTPRequestHead, logger: Logger) async -> Decision {
        guard let request = try? HTTPRequest(head, secure: false, splitCookie: false) else { return .refused }
        let slot = ProxyUpgradeSlot(channel: channel)
        var context = AtriumRequestContext(source: .init(channel: channel, logger: logger))
        context.proxyUpgrade = slot
        do {
            let response = try await authorise(Request(head: request, body: .init(buffer: ByteBuffer())), context)
            if let problem = slot.answer { return .answered(problem) }
            guard response.status == .ok, let socket = slot.value else { return .declined }
            return .accepted(socket)
        } catch let problem as Problem where problem.status == 429 {
            // The request rate's limit (a middleware's, before the route): its 429 and Retry-After.
            return .answered(problem)
        } catch {
            return .refused
        }
    }

    func buildUpgradeResponse(channel: any Channel, upgradeRequest: HTTPRequestHead,
                              initialResponseHeaders: HTTPHeaders) -> EventLoopFuture<HTTPHeaders> {
        head.withLockedValue { $0 = upgradeRequest }
        return handshake.buildUpgradeResponse(channel: channel, upgradeRequest: upgradeRequest, initialResponseHeaders: initialResponseHeaders)
    }

    /// Gives the request's head to the HTTP handlers that replace the upgrade (called as they
    /// are added, before NIO passes on the rest of the request).
    func replayHead(on channel: any Channel) throws {
        guard let head = head.withLockedValue({ $0 }) else { return }
        let context = try channel.pipeline.syncOperations.context(handlerType: NIOTypedHTTPServerUpgradeHandler<UpgradeResult>.self)
        context.fireChannelRead(NIOAny(HTTPServerRequestPart.head(head)))
    }

    /// After the 101: the browser's channel (its HTTP handlers gone) joins the session's.
    ///
    /// A socket that pings its browser also leaves the connection's ``ConnectionWatch``: a
    /// browser that stops reading stops answering pings and is closed by them, and the watch
    /// would otherwise add a promise, a closure and a clock read to every frame.
    func upgrade(channel: any Channel, upgradeRequest: HTTPRequestHead) -> EventLoopFuture<UpgradeResult> {
        channel.eventLoop.makeCompletedFuture {
            guard case .accepted(let socket) = decision.withLockedValue({ $0 }) else { throw NIOWebSocketUpgradeError.unsupportedWebSocketTarget }
            let pipeline = channel.pipeline.syncOperations
            if socket.pingsBrowser, let watch = try? pipeline.handler(type: ConnectionWatch.self) {
                _ = pipeline.removeHandler(watch)
            }
            try socket.attach(to: channel)
            return .glued
        }
    }
}
