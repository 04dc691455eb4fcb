import Logging
import NIOCore

/// Closes a connection whose client does not do its part (``ConnectionSettings``), so that no
/// client holds a connection, a transfer slot or a worker thread for ever by trickling bytes or
/// by not reading:
/// - **Header timeout.** A request's head must be complete (its blank line seen) within
///   `header`: for the first request from the connection's start (a stalled TLS handshake counts),
///   for later ones from their first byte (an idle keep-alive connection is the idle timeout's).
/// - **Transfer stall.** While the server waits on the client — it asked for more of a request
///   body that has not ended, or response bytes it wrote are not yet taken by the client — the
///   time adds up; moving ``progressBytes`` starts the count again. At `transferIdle` the
///   connection is closed: a body trickled at 1 byte/s or a download never read ends there.
///   Time the server itself takes (a slow store, a long computation) never counts.
///
/// It sits at the front of the HTTP pipeline (after TLS, which it sees as plain bytes) and learns
/// where requests begin and end from ``RequestBoundaries``, which sits behind the HTTP codec.
/// After a WebSocket upgrade only the stall of unread writes applies (the WebSocket pings).
final class ConnectionWatch: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    /// What ``RequestBoundaries`` reports, as outbound user events.
    enum Event: Sendable {
        case requestHead, requestEnd, responseEnd
    }

    /// Bytes moved either way that count as progress: a TLS record's worth, so a transfer must
    /// move at least this much in every `transferIdle` of waiting on its client.
    static let progressBytes = 16 * 1024
    /// Writes are watched in pieces of at most this size, so a large buffer handed over at once
    /// shows its progress as the client takes it.
    static let writePiece = 64 * 1024

    private let header: TimeAmount
    private let transferIdle: TimeAmount
    private let logger: Logger

    private var started = false
    private var closed = false
    /// Waiting for a request's head (its blank line not yet seen).
    private var awaitingHead = true
    private var headerDeadline: NIODeadline?
    /// The last bytes seen, for a blank line split across reads.
    private var tail: [UInt8] = []
    private var heads = 0
    private var requestEnds = 0
    private var responseEnds = 0
    private var readRequested = false
    private var unwritten = 0
    /// Waiting on the client: how long before the current wait, and since when now.
    private var stalled = TimeAmount.zero
    private var waitingSince: NIODeadline?
    private var moved = 0
    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?

    init(header: TimeAmount, transferIdle: TimeAmount, logger: Logger) {
        self.header = header
        self.transferIdle = transferIdle
        self.logger = logger
    }

    // MARK: lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard !started else { return }
        started = true
        change(context) { headerDeadline = .now() + header }
    }

    private func stop() {
        closed = true
        timer?.cancel()
        timer = nil
    }

    // MARK: inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        change(context) {
            readRequested = false
            progress(bytes.readableBytes)
            if awaitingHead {
                if headerDeadline == nil { headerDeadline = .now() + header }
                if endsHead(bytes) {
                    awaitingHead = false
                    headerDeadline = nil
                }
            }
        }
        context.fireChannelRead(data)
    }

    /// Whether `bytes` (after the tail of earlier reads) hold the blank line that ends a head.
    private func endsHead(_ bytes: ByteBuffer) -> Bool {
        let view = bytes.readableBytesView
        var window = tail
        window.append(contentsOf: view.prefix(3))
        if contains(window) { return true }
        if contains(view) { return true }
        tail = Array((tail + view.suffix(3)).suffix(3))
        return false
    }

    private func contains<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var state = 0  // how much of CR LF CR LF was just seen
        for byte in bytes {
            switch (state, byte) {
            case (0, 13), (2, 13): state += 1
            case (1, 10): state = 2
            case (3, 10): return true
            case (_, 13): state = 1
            default: state = 0
            }
        }
        return false
    }

    // MARK: outbound

    func read(context: ChannelHandlerContext) {
        if !readRequested { change(context) { readRequested = true } }
        context.read()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let io = unwrapOutboundIn(data)
        guard case .byteBuffer(var buffer) = io, buffer.readableBytes > 0 else {
            watchWrite(context, io, promise: promise)
            return
        }
        while buffer.readableBytes > Self.writePiece, let piece = buffer.readSlice(length: Self.writePiece) {
            watchWrite(context, .byteBuffer(piece), promise: nil)
        }
        watchWrite(context, .byteBuffer(buffer), promise: promise)
    }

    private func watchWrite(_ context: ChannelHandlerContext, _ io: IOData, promise: EventLoopPromise<Void>?) {
        let count = io.readableBytes
        guard count > 0 else {
            context.write(wrapOutboundOut(io), promise: promise)
            return
        }
        change(context) { unwritten += count }
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenComplete { [self] result in
            guard !closed else { return }
            change(context) {
                unwritten -= count
                if case .success = result { progress(count) }
            }
        }
        if let promise { written.futureResult.cascade(to: promise) }
        context.write(wrapOutboundOut(io), promise: written)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let event = event as? Event else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        change(context) {
            switch event {
            case .requestHead:
                heads += 1
                awaitingHead = false
                headerDeadline = nil
            case .requestEnd:
                requestEnds += 1
            case .responseEnd:
                responseEnds += 1
                stalled = .zero
                moved = 0
                if responseEnds >= heads {
                    // The next request's clock starts at its first byte.
                    awaitingHead = true
                    headerDeadline = nil
                    tail = []
                }
            }
        }
        promise?.succeed()
    }

    // MARK: the clock

    /// Whether the server now waits on the client: for a body it asked for, or for it to take
    /// bytes written.
    private var waitingOnClient: Bool {
        (heads > requestEnds && readRequested) || unwritten > 0
    }

    private func progress(_ count: Int) {
        moved += count
        if moved >= Self.progressBytes {
            moved = 0
            stalled = .zero
        }
    }

    /// Applies `update`, keeping the time spent waiting on the client, and sets the timer for the
    /// earliest deadline.
    private func change(_ context: ChannelHandlerContext, _ update: () -> Void) {
        guard !closed else { return }
        let now = NIODeadline.now()
        if let since = waitingSince { stalled = stalled + (now - since) }
        update()
        waitingSince = waitingOnClient ? now : nil
        arm(context, now: now)
    }

    private var transferDeadline: NIODeadline? {
        waitingSince.map { $0 + (transferIdle - stalled) }
    }

    private func arm(_ context: ChannelHandlerContext, now: NIODeadline) {
        let deadlines = [headerDeadline, transferDeadline].compactMap { $0 }
        guard let next = deadlines.min() else { return }
        if let timerDeadline, timerDeadline <= next, timer != nil { return }
        timer?.cancel()
        timerDeadline = next
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: next) { [self] in
            timer = nil
            timerDeadline = nil
            check(context)
        }
    }

    private func check(_ context: ChannelHandlerContext) {
        guard !closed else { return }
        let now = NIODeadline.now()
        if let headerDeadline, now >= headerDeadline {
            cutOff(context, "the request's head did not arrive within \(header.nanoseconds / 1_000_000) ms")
        } else if let transferDeadline, now >= transferDeadline {
            cutOff(context, "the client moved less than \(Self.progressBytes) bytes in \(transferIdle.nanoseconds / 1_000_000) ms of waiting for it")
        } else {
            arm(context, now: now)
        }
    }

    private func cutOff(_ context: ChannelHandlerContext, _ why: String) {
        logger.debug("closing a connection", metadata: ["reason": "\(why)", "peer": "\(context.channel.remoteAddress?.description ?? "?")"])
        stop()
        context.close(promise: nil)
    }
}
