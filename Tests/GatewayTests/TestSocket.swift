import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket

/// A minimal WebSocket client over TLS for the proxy tests that sends exactly the handshake
/// headers given. (HummingbirdWSClient always adds its own `Origin`, without the port, so it
/// cannot act as a same-origin browser page.)
struct TestSocket {
    enum Message: Equatable {
        case text(String)
        case binary(ByteBuffer)
        case close(code: UInt16?, reason: String)
    }

    enum Handshake {
        case upgraded(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>)
        case refused(EventLoopFuture<HTTPResponseStatus>)
    }

    let outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>
    var inbound: NIOAsyncChannelInboundStream<WebSocketFrame>.AsyncIterator

    /// Opens `wss://127.0.0.1:port{path}` and runs `body` with the socket; nil (and the status)
    /// when the server answered the handshake with something other than 101. `group` runs the
    /// client's channel (the benchmark gives it threads of its own, apart from the gateway's).
    static func open<T: Sendable>(port: Int, path: String, headers: [(String, String)], trust: String,
                                  group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                                  _ body: (inout TestSocket) async throws -> T) async throws -> (status: HTTPResponseStatus, value: T?) {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(trust))
        tls.certificateVerification = .noHostnameVerification
        let context = try NIOSSLContext(configuration: tls)
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path)
        if !headers.contains(where: { $0.0.lowercased() == "host" }) { head.headers.add(name: "Host", value: "127.0.0.1:\(port)") }
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        let requestHead = head
        let handshake = try await ClientBootstrap(group: group)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: nil))
                    let upgrader = NIOTypedWebSocketClientUpgrader<Handshake>(maxFrameSize: 32 << 20) { channel, _ in
                        channel.eventLoop.makeCompletedFuture {
                            .upgraded(try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(wrappingChannelSynchronously: channel))
                        }
                    }
                    let configuration = NIOTypedHTTPClientUpgradeConfiguration<Handshake>(
                        upgradeRequestHead: requestHead, upgraders: [upgrader]
                    ) { channel in
                        // The response head reaches the catcher once this future has completed.
                        let status = StatusCatcher(promise: channel.eventLoop.makePromise())
                        return channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(status)
                            return .refused(status.promise.futureResult)
                        }
                    }
                    // A server may send frames right behind its 101 (a close, when the session is
                    // down): they are passed on, not dropped (NIO's default).
                    var pipeline = NIOUpgradableHTTPClientPipelineConfiguration(upgradeConfiguration: configuration)
                    pipeline.leftOverBytesStrategy = .forwardBytes
                    return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(configuration: pipeline)
                }
            }
        switch try await handshake.get() {
        case .refused(let status):
            return (try await status.get(), nil)
        case .upgraded(let channel):
            let value = try await channel.executeThenClose { inbound, outbound in
                var socket = TestSocket(outbound: outbound, inbound: inbound.makeAsyncIterator())
                return try await body(&socket)
            }
            return (.switchingProtocols, value)
        }
    }

    func send(_ text: String) async throws {
        try await write(.text, ByteBuffer(string: text))
    }

    func send(_ binary: ByteBuffer) async throws {
        try await write(.binary, binary)
    }

    /// Sends a close frame with `code` (the server's answer is then read by ``receive()``).
    func close(code: UInt16 = 1000) async throws {
        var data = ByteBuffer()
        data.writeInteger(code)
        try await write(.connectionClose, data)
    }

    private func write(_ opcode: WebSocketOpcode, _ data: ByteBuffer) async throws {
        let mask = WebSocketMaskingKey((0..<4).map { _ in UInt8.random(in: 0...255) })
        try await outbound.write(WebSocketFrame(fin: true, opcode: opcode, maskKey: mask, data: data))
    }

    /// The next message (continuations joined), answering pings; nil when the connection ended.
    mutating func receive() async throws -> Message? {
        var collected: ByteBuffer?
        var opcode = WebSocketOpcode.binary
        while let frame = try await inbound.next() {
            switch frame.opcode {
            case .ping:
                try await write(.pong, frame.unmaskedData)
            case .pong:
                continue
            case .connectionClose:
                var data = frame.unmaskedData
                let code = data.readInteger(as: UInt16.self)
                return .close(code: code, reason: data.readString(length: data.readableBytes) ?? "")
            case .text, .binary, .continuation:
                if frame.opcode != .continuation { opcode = frame.opcode; collected = ByteBuffer() }
                var data = frame.unmaskedData
                collected?.writeBuffer(&data)
                if frame.fin, let whole = collected {
                    return opcode == .text ? .text(String(buffer: whole)) : .binary(whole)
                }
            default:
                continue
            }
        }
        return nil
    }

    /// Catches the response head of a handshake the server refused.
    final class StatusCatcher: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
        typealias InboundIn = HTTPClientResponsePart
        let promise: EventLoopPromise<HTTPResponseStatus>
        var done = false

        init(promise: EventLoopPromise<HTTPResponseStatus>) { self.promise = promise }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if case .head(let head) = unwrapInboundIn(data), !done {
                done = true
                promise.succeed(head.status)
                context.close(promise: nil)
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            if !done { done = true; promise.fail(ChannelError.eof) }
        }
    }
}
