import Crypto
import Foundation
import HTTPTypes
import NIOCore

/// The client half of a WebSocket handshake with a session (or the node that runs it), in bytes:
/// sends the upgrade request with the proxy's headers, reads the answer's head and checks that it
/// is a 101 with the right `Sec-WebSocket-Accept`. ``done`` then holds the bytes that came behind
/// the head (a runtime may speak first), and the channel asks for nothing more until the proxy's
/// glue takes over. The channel must not read on its own (`autoRead` off). One read can still hand
/// over several buffers (up to `maxMessagesPerRead`): those behind the one that ended the head are
/// kept for the glue (``takeLate()``), not dropped.
final class SessionHandshake: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    enum Failure: Error {
        case declined(status: Int?)
        case badAccept
        case headTooLarge
        case closed
        case timedOut
    }

    /// The largest head accepted from a session.
    static let headLimit = 16 * 1024

    let done: EventLoopPromise<ByteBuffer>
    private let request: ByteBuffer
    private let accept: String
    private let timeout: TimeAmount
    private var received = ByteBuffer()
    /// Bytes read after the head was done, in the same burst.
    private var late = ByteBuffer()
    private var succeeded = false
    private var finished = false
    private var started = false
    private var timer: Scheduled<Void>?

    /// `target`: the path and query; `host`: the `Host` header; `headers`: the rest (never the
    /// handshake's own, which this adds).
    init(target: String, host: String, headers: HTTPFields, timeout: TimeAmount, done: EventLoopPromise<ByteBuffer>) {
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        var text = "GET \(target) HTTP/1.1\r\nHost: \(host)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n"
        for field in headers { text += "\(field.name.rawName): \(field.value)\r\n" }
        text += "\r\n"
        request = ByteBuffer(string: text)
        accept = Self.accept(key: key)
        self.timeout = timeout
        self.done = done
    }

    /// `Sec-WebSocket-Accept` for `key` (RFC 6455 §4.2.2).
    static func accept(key: String) -> String {
        Data(Insecure.SHA1.hash(data: Data((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").utf8))).base64EncodedString()
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard !started else { return }
        started = true
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            fail(context, Failure.timedOut)
        }
        context.writeAndFlush(NIOAny(request), promise: nil)
        context.read()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        guard !finished else {
            if succeeded { late.writeBuffer(&bytes) }
            return
        }
        received.writeBuffer(&bytes)
        guard let end = headEnd() else {
            if received.readableBytes > Self.headLimit { fail(context, Failure.headTooLarge) }
            return
        }
        let head = String(decoding: received.readableBytesView.prefix(end), as: UTF8.self)
        received.moveReaderIndex(forwardBy: end + 4)
        let lines = head.split(separator: "\r\n")
        let status = lines.first.flatMap { line in line.split(separator: " ").dropFirst().first.flatMap { Int($0) } }
        guard status == 101 else { return fail(context, Failure.declined(status: status)) }
        let sent = lines.dropFirst().first { $0.lowercased().hasPrefix("sec-websocket-accept:") }
            .map { $0.dropFirst("sec-websocket-accept:".count).trimmingCharacters(in: .whitespaces) }
        guard sent == accept else { return fail(context, Failure.badAccept) }
        finished = true
        succeeded = true
        timer?.cancel()
        done.succeed(received)
    }

    /// The bytes that came after those ``done`` holds, until now (on the channel's event loop).
    func takeLate() -> ByteBuffer {
        defer { late = ByteBuffer() }
        return late
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if !finished { context.read() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(context, Failure.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context, error)
    }

    /// Fails the handshake (once) and closes the channel.
    func fail(_ context: ChannelHandlerContext, _ error: any Error) {
        guard !finished else { return }
        finished = true
        timer?.cancel()
        done.fail(error)
        context.close(promise: nil)
    }

    /// Where the blank line that ends the head starts in `received`, if it is there.
    private func headEnd() -> Int? {
        let view = received.readableBytesView
        var index = view.startIndex
        while index + 3 < view.endIndex {
            if view[index] == 13, view[index + 1] == 10, view[index + 2] == 13, view[index + 3] == 10 { return index - view.startIndex }
            index += 1
        }
        return nil
    }
}
