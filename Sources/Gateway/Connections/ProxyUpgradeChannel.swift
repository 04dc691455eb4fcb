import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// The HTTPS listener's HTTP/1 channel, in place of HummingbirdWebSocket's upgrade channel:
/// requests go to the gateway's responder as on any HTTP/1 channel, and a WebSocket upgrade the
/// WebSocket router authorises is answered 101 and glued to the session's connection
/// (``ProxyUpgrader``, ``ProxiedSocket``). A glued connection needs nothing more from the server:
/// ``handle(value:logger:)`` returns at once, and its bytes pass on the event loop.
struct ProxyUpgradeChannel: ServerChildChannel, HTTPChannelHandler {
    enum Upgrade: Sendable {
        case glued
        case http(HTTP1Channel.Value)
        /// An upgrade the WebSocket router refused: a bare 400 (or the problem it answered with),
        /// and the connection closes.
        case refused(HTTP1Channel.Value, Problem?)
    }

    struct Value: ServerChildChannelValue {
        let upgrade: EventLoopFuture<Upgrade>
        let channel: any Channel
    }

    let responder: HTTPChannelHandler.Responder
    let authorise: ProxyUpgrader.Authorise
    let configuration: HTTP1Channel.Configuration

    init<WebSocketResponder: HTTPResponder>(responder: @escaping HTTPChannelHandler.Responder, webSocketResponder: WebSocketResponder,
                                            configuration: HTTP1Channel.Configuration)
        where WebSocketResponder.Context == AtriumRequestContext {
        self.responder = responder
        authorise = { request, context in try await webSocketResponder.respond(to: request, context: context) }
        self.configuration = configuration
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let upgrader = ProxyUpgrader(authorise: authorise, logger: logger)
            let configuration = self.configuration
            let upgrades = NIOTypedHTTPServerUpgradeConfiguration<Upgrade>(
                upgraders: [upgrader],
                notUpgradingCompletionHandler: { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
                        try pipeline.addHandlers(configuration.additionalChannelHandlers())
                        try pipeline.addHandler(HTTPConnectionStateHandler(idleTimeout: configuration.idleTimeout.map { Duration($0) },
                                                                           logger: logger))
                        let http = try HTTP1Channel.Value(wrappingChannelSynchronously: channel,
                                                          configuration: .init(isOutboundHalfClosureEnabled: true))
                        if let refusal = upgrader.refusal { return .refused(http, refusal) }
                        try upgrader.replayHead(on: channel)
                        return .http(http)
                    }
                }
            )
            var pipeline = NIOUpgradableHTTPServerPipelineConfiguration<Upgrade>(upgradeConfiguration: upgrades)
            pipeline.enablePipelining = false
            pipeline.enableErrorHandling = false
            pipeline.enableResponseHeaderValidation = false
            pipeline.decoderConfiguration.maxHeaderFieldSize = configuration.httpDecoder.maxHeaderFieldSize
            pipeline.decoderConfiguration.maxHeaderListSize = configuration.httpDecoder.maxHeaderListSize
            pipeline.decoderConfiguration.maxHeaderFieldCount = configuration.httpDecoder.maxHeaderFieldCount
            let upgrade = try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(configuration: pipeline)
            return Value(upgrade: upgrade, channel: channel)
        }
    }

    func handle(value: Value, logger: Logger) async {
        do {
            switch try await value.upgrade.get() {
            case .glued:
                return
            case .http(let http):
                await handleHTTP(asyncChannel: http, logger: logger)
            case .refused(let http, let problem):
                try await http.executeThenClose { _, outbound in
                    var headers: HTTPFields = [.connection: "close"]
                    var body = ByteBuffer()
                    if let problem {
                        body = ByteBuffer(bytes: try JSONEncoder().encode(problem))
                        headers[.contentType] = Problem.contentType
                        for (name, value) in problem.headers { if let field = HTTPField.Name(name) { headers[field] = value } }
                    }
                    headers[.contentLength] = String(body.readableBytes)
                    let status = problem.map { HTTPResponse.Status(code: $0.status, reasonPhrase: $0.title) } ?? .badRequest
                    try await outbound.write(.head(HTTPResponse(status: status, headerFields: headers)))
                    if body.readableBytes > 0 { try await outbound.write(.body(body)) }
                    try await outbound.write(.end(nil))
                }
            }
        } catch {
            logger.trace("connection ended before or during an upgrade", metadata: ["error.type": "\(type(of: error))"])
        }
    }
}
