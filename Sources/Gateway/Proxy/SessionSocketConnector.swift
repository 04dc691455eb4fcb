import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// Opens the WebSocket of a data session on this node: an HTTP/1.1 upgrade over the session's
/// Unix socket, with the proxy's headers (the proxy secret among them). The result is the raw
/// frame channel: control frames included, so the bridge passes close codes through itself.
enum SessionSocketConnector {
    enum Failure: Error { case declined }

    static func connect(socketPath: String, target: String, headers: HTTPFields,
                        maxFrameSize: Int) async throws -> NIOAsyncChannel<WebSocketFrame, WebSocketFrame> {
        let upgraded: EventLoopFuture<NIOAsyncChannel<WebSocketFrame, WebSocketFrame>?> = try await ClientBootstrap(group: .singletonMultiThreadedEventLoopGroup)
            .connectTimeout(.seconds(5))
            .connect(unixDomainSocketPath: socketPath) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let upgrader = NIOTypedWebSocketClientUpgrader<NIOAsyncChannel<WebSocketFrame, WebSocketFrame>?>(
                        maxFrameSize: maxFrameSize,
                        upgradePipelineHandler: { channel, _ in
                            channel.eventLoop.makeCompletedFuture {
                                try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(wrappingChannelSynchronously: channel)
                            }
                        })
                    var head = HTTPHeaders(headers.map { ($0.name.rawName, $0.value) })
                    if !head.contains(name: "Host") { head.add(name: "Host", value: "session") }
                    let request = HTTPRequestHead(version: .http1_1, method: .GET, uri: target, headers: head)
                    let configuration = NIOTypedHTTPClientUpgradeConfiguration(
                        upgradeRequestHead: request, upgraders: [upgrader],
                        notUpgradingCompletionHandler: { channel in channel.eventLoop.makeSucceededFuture(nil) })
                    // A runtime speaks first (the editor's `app` and `case`): frames that arrive
                    // in the same read as the 101 are passed on, not dropped (NIO's default).
                    var pipeline = NIOUpgradableHTTPClientPipelineConfiguration(upgradeConfiguration: configuration)
                    pipeline.leftOverBytesStrategy = .forwardBytes
                    return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(configuration: pipeline)
                }
            }
        guard let channel = try await upgraded.get() else { throw Failure.declined }
        return channel
    }
}
