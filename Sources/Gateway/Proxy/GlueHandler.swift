import NIOCore
import NIOSSL

/// One end of a proxied WebSocket joined to the other at the channel level, after swift-nio-examples'
/// connect-proxy `GlueHandler`: bytes read on this channel go to the ``ProxiedSocket`` (which
/// writes them to the other channel), and this channel reads only while the other one is
/// writable, so a slow reader on one side stops the reads on the other.
///
/// A connection whose peer has ended its side is closed under its TLS handler once the close_notify
/// is out (``closeChannel(_:)``): the listener allows remote half-closure, and with it NIOSSL, closing,
/// takes neither the peer's close_notify nor its end of stream as the end of its shutdown; it would
/// hold the connection, and the socket's place in the user's `webSockets` quota, for its 5 s
/// shutdown timeout.
final class GlueHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let side: ProxiedSocket.Side
    private let socket: ProxiedSocket
    private var context: ChannelHandlerContext?
    private var pendingRead = false
    private var closing = false
    /// The peer ended its side (its close_notify, or the end of the stream): nothing more can come.
    private var inputEnded = false
    /// A close was passed down the pipeline.
    private var closeIssued = false

    init(side: ProxiedSocket.Side, socket: ProxiedSocket) {
        self.side = side
        self.socket = socket
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    // MARK: this channel's events

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        socket.received(unwrapInboundIn(data), from: side)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        socket.readComplete(from: side)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { socket.becameWritable(side) }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        socket.ended(side)
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            inputEnded = true
            if closeIssued { closeTransport(context) }
            socket.ended(side)
        } else if event is ChannelShouldQuiesceEvent {
            socket.quiesce()
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        socket.ended(side)
    }

    func read(context: ChannelHandlerContext) {
        if socket.mayRead(side) {
            context.read()
        } else {
            pendingRead = true
        }
    }

    // MARK: what the socket asks

    var isWritable: Bool { context?.channel.isWritable ?? false }

    var channel: (any Channel)? { context?.channel }

    func write(_ bytes: ByteBuffer) {
        guard let context, !closing, bytes.readableBytes > 0 else { return }
        context.write(wrapOutboundOut(bytes), promise: nil)
    }

    func flush() {
        context?.flush()
    }

    /// Reads again if a read waited for the other side to become writable.
    func resumeReading() {
        guard pendingRead, let context else { return }
        pendingRead = false
        context.read()
    }

    /// Closes the channel once what was written is out. Writes carry no promise of their own (a
    /// promise per frame is an allocation per frame): an empty write behind them completes after
    /// them, through NIOSSL too, which keeps the order of empty writes.
    func closeAfterWrites() {
        guard let context, !closing else { return }
        closing = true
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(ByteBuffer()), promise: written)
        written.futureResult.assumeIsolated().whenComplete { [self] _ in closeChannel(context) }
    }

    /// Closes the channel now.
    func close() {
        closing = true
        if let context { closeChannel(context) }
    }

    /// Closes the channel (a TLS connection sends its close_notify), at once if the peer has
    /// already ended its side.
    private func closeChannel(_ context: ChannelHandlerContext) {
        closeIssued = true
        context.close(promise: nil)
        if inputEnded { closeTransport(context) }
    }

    /// Closes the connection under its TLS handler, which waits for a shutdown that can no longer
    /// end (nothing more can come from the peer); a connection without TLS is closed already.
    private func closeTransport(_ context: ChannelHandlerContext) {
        guard context.channel.isActive, let tls = try? context.pipeline.syncOperations.context(handlerType: NIOSSLHandler.self) else {
            return
        }
        tls.close(promise: nil)
    }
}
