import Catalog
import HTTPTypes
import NIOConcurrencyHelpers
import NIOCore

/// One proxied WebSocket: the browser's connection and the session's joined at the channel level
/// by a pair of ``GlueHandler``s, bytes passed unchanged both ways (the browser's frames are
/// masked client frames, the session's unmasked server frames). A ``FrameHeaderTracker`` on each
/// direction reads frame headers only, so that the proxy can
/// - close the socket with 1009 naming the user's `frameBytes` quota when the browser starts a
///   larger frame (before any byte of it reaches the session, which gets a normal close);
/// - put a ping to an idle browser (or a close frame of its own) between two of the session's
///   frames, never inside one;
/// - see the close frames pass (their codes and reasons are not touched) and end both
///   connections once the close handshake is done, or 10 s after one side began it.
/// A session that ends its connection without a close frame closes the browser's with 1011.
///
/// A quiet socket gives its browser connection's TLS buffers' pages back to the system
/// (``ConnectionPages``): a second after the glue and after each answered ping, each time as a
/// task of its own and only with no write pending either way (``releasePages()``).
///
/// No task, stream or actor per socket or frame: everything runs on the browser channel's event
/// loop, which is also the session channel's. State is touched on that loop only (the class is
/// `@unchecked Sendable` so that ``goAway(_:)`` and the dial can be called from elsewhere; they hop).
final class ProxiedSocket: @unchecked Sendable {
    enum Side: Sendable { case browser, session }

    /// What a socket that is not joined to a session answers right after the 101.
    struct Refusal: Sendable {
        let code: UInt16
        let reason: String
    }

    static let notAnswering = Refusal(code: 1011, reason: "The session is not answering.")
    /// How long one side has to answer the other's close frame.
    static let closeTimeout = TimeAmount.seconds(10)
    /// How long after the glue a socket first gives its TLS buffers' pages back.
    static let firstRelease = TimeAmount.seconds(1)

    let eventLoop: any EventLoop
    private let frameLimit: Int
    private let pingInterval: TimeAmount?
    private let metrics: ProxyMetrics?
    private let hooks = NIOLockedValueBox<Hooks>(Hooks())

    private struct Hooks {
        var finish: (@Sendable () -> Void)?
        var finished = false
    }

    // State of the event loop.
    private var refusal: Refusal?
    private var sessionChannel: (any Channel)?
    private var leftover: ByteBuffer?
    /// The session channel's handshake, which keeps what it reads behind ``leftover`` until the glue.
    private var handshake: SessionHandshake?
    private var browser: GlueHandler?
    private var session: GlueHandler?
    private var attached = false
    private var browserGone = false
    private var sessionGone = false
    private var up = FrameHeaderTracker()
    private var down = FrameHeaderTracker()
    /// A close frame passed from the browser, from the session.
    private var upClosed = false
    private var downClosed = false
    /// No more bytes pass that way (the proxy closed it, or cut it off).
    private var upStopped = false
    private var downStopped = false
    /// A close of the proxy's own waiting for the session's frame in progress to end.
    private var pendingBrowserClose: Refusal?
    private var pingTimer: RepeatedTask?
    private var sentSinceTick = false
    private var pingOutstanding = false
    private var cutOff: Scheduled<Void>?
    /// The browser connection's TLS buffers (none for a connection without them).
    private var pages: ConnectionPages?

    /// `browser`: the browser's channel, before its upgrade. `frameLimit`: the largest frame the
    /// browser may send (the user's `frameBytes`). `refusal`: the socket is closed with it at once
    /// after the 101.
    init(browser: any Channel, frameLimit: Int, pingInterval: TimeAmount?, metrics: ProxyMetrics?, refusal: Refusal? = nil) {
        eventLoop = browser.eventLoop
        self.frameLimit = frameLimit
        self.pingInterval = pingInterval
        self.metrics = metrics
        self.refusal = refusal
        browser.closeFuture.whenComplete { [self] _ in
            browserGone = true
            if !attached { sessionChannel?.close(promise: nil) }
            finishIfDone()
        }
    }

    /// Whether the browser is pinged when idle (and closed when it does not answer).
    var pingsBrowser: Bool { pingInterval != nil }

    /// Runs `body` once both connections are closed (at once if they already are).
    func onFinish(_ body: @escaping @Sendable () -> Void) {
        let now = hooks.withLockedValue { hooks in
            if hooks.finished { return true }
            hooks.finish = body
            return false
        }
        if now { body() }
    }

    /// Opens the session's side (its 101 read); a session that cannot be reached or refuses
    /// closes the browser's socket with 1011 once upgraded.
    func dial(_ address: SessionDialer.Address, target: String, headers: HTTPFields,
              timeout: TimeAmount) async -> Result<Void, any Error> {
        let dialed = SessionDialer.connect(address, on: eventLoop, target: target, headers: headers, timeout: timeout)
            .map { [self] dialed in
                let (channel, leftover) = dialed
                guard !browserGone else {
                    channel.close(promise: nil)
                    return
                }
                sessionChannel = channel
                self.leftover = leftover
                handshake = try? channel.pipeline.syncOperations.handler(type: SessionHandshake.self)
                channel.closeFuture.whenComplete { [self] _ in
                    sessionGone = true
                    finishIfDone()
                }
            }
            .flatMapErrorThrowing { [self] error in
                refusal = Self.notAnswering
                throw error
            }
        do {
            try await dialed.get()
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    /// Closes the browser's socket with `refusal` right after the 101.
    func refuse(_ refusal: Refusal) async {
        try? await eventLoop.submit { [self] in self.refusal = refusal }.get()
    }

    /// Joins the upgraded browser channel to the session's (on the event loop, from the upgrader).
    func attach(to channel: any Channel) throws {
        attached = true
        let browser = GlueHandler(side: .browser, socket: self)
        try channel.pipeline.syncOperations.addHandler(browser)
        self.browser = browser
        guard refusal == nil, let sessionChannel else {
            let refusal = refusal ?? Self.notAnswering
            upStopped = true
            downStopped = true
            browser.write(WebSocketFrameBytes.close(code: refusal.code, reason: refusal.reason, masked: false))
            browser.closeAfterWrites()
            sessionChannel?.close(promise: nil)
            return
        }
        // What the session's connection read behind its head in the same burst; it reads nothing
        // more until the glue asks (all of this runs on the event loop).
        if var late = handshake?.takeLate(), late.readableBytes > 0 {
            if leftover == nil { leftover = ByteBuffer() }
            leftover?.writeBuffer(&late)
        }
        handshake = nil
        if sessionGone {
            // It spoke and left before the browser was joined: what it said, then 1011.
            if let leftover { fromSession(leftover) }
            leftover = nil
            ended(.session)
            return
        }
        let session = GlueHandler(side: .session, socket: self)
        let pipeline = sessionChannel.pipeline.syncOperations
        try pipeline.addHandler(session)
        _ = pipeline.removeHandler(try pipeline.handler(type: SessionHandshake.self))
        self.session = session
        if let leftover, leftover.readableBytes > 0 {
            received(leftover, from: .session)
            readComplete(from: .session)
        }
        leftover = nil
        if let pingInterval {
            pingTimer = eventLoop.scheduleRepeatedTask(initialDelay: pingInterval, delay: pingInterval) { [self] _ in tick() }
        }
        // The connection's TLS buffers, kept from here; their holder leaves the pipeline, so the
        // socket's reads pass through NIOSSL and the glue only.
        if let holder = try? channel.pipeline.syncOperations.handler(type: ConnectionPagesHandler.self) {
            pages = holder.pages
            _ = channel.pipeline.syncOperations.removeHandler(holder)
        }
        if pages != nil {
            eventLoop.assumeIsolated().scheduleTask(in: Self.firstRelease) { [self] in releasePages() }
        }
        sessionChannel.setOption(ChannelOptions.autoRead, value: true).whenFailure { _ in sessionChannel.close(promise: nil) }
    }

    // MARK: bytes

    func received(_ bytes: ByteBuffer, from side: Side) {
        switch side {
        case .browser: fromBrowser(bytes)
        case .session: fromSession(bytes)
        }
    }

    private func fromBrowser(_ bytes: ByteBuffer) {
        guard !upStopped, let session else { return }
        metrics?.bytesFromBrowsers.increment(by: Int64(bytes.readableBytes))
        var tooLarge: (start: Int, length: UInt64)?
        var answered = false
        _ = up.scan(bytes) { header, start in
            if header.isData, header.length > UInt64(frameLimit) {
                tooLarge = (start, header.length)
                return false
            }
            if header.opcode == FrameHeaderTracker.Header.close { upClosed = true }
            if header.opcode == FrameHeaderTracker.Header.pong {
                answered = answered || pingOutstanding
                pingOutstanding = false
            }
            return true
        }
        guard let tooLarge else {
            session.write(bytes)
            if upClosed { closing() }
            // The pong was decrypted into the TLS buffer: give its page back once NIOSSL is done.
            if answered, pages != nil { eventLoop.assumeIsolated().execute { [self] in releasePages() } }
            return
        }
        // The frames before it go on; the session then gets a normal close between frames.
        if tooLarge.start > 0, let before = bytes.getSlice(at: bytes.readerIndex, length: tooLarge.start) { session.write(before) }
        let exceeded = QuotaExceeded(kind: .frameBytes, limit: Int64(frameLimit), used: 0, requested: Int64(clamping: tooLarge.length))
        close(Refusal(code: 1009, reason: exceeded.description), sessionBetweenFrames: tooLarge.start >= 0)
    }

    private func fromSession(_ bytes: ByteBuffer) {
        guard !downStopped, let browser else { return }
        metrics?.bytesToBrowsers.increment(by: Int64(bytes.readableBytes))
        sentSinceTick = true
        if let pending = pendingBrowserClose {
            guard let at = down.nextBoundary(in: bytes) else {
                browser.write(bytes)
                return
            }
            if at > 0, let before = bytes.getSlice(at: bytes.readerIndex, length: at) { browser.write(before) }
            closeBrowser(pending)
            return
        }
        _ = down.scan(bytes) { header, _ in
            if header.opcode == FrameHeaderTracker.Header.close { downClosed = true }
            return true
        }
        browser.write(bytes)
        if downClosed { closing() }
    }

    func readComplete(from side: Side) {
        switch side {
        case .browser: session?.flush()
        case .session: browser?.flush()
        }
    }

    /// Whether `side` may read now: only while the other side takes bytes.
    func mayRead(_ side: Side) -> Bool {
        switch side {
        case .browser: session?.isWritable ?? true
        case .session: browser?.isWritable ?? false
        }
    }

    func becameWritable(_ side: Side) {
        switch side {
        case .browser: session?.resumeReading()
        case .session: browser?.resumeReading()
        }
    }

    // MARK: closing

    /// A close frame passed one way: once both have, both connections end (after what was written);
    /// until then the other side has ``closeTimeout`` to answer.
    private func closing() {
        if upClosed, downClosed {
            browser?.closeAfterWrites()
            session?.closeAfterWrites()
        } else {
            armCutOff()
        }
    }

    private func armCutOff() {
        guard cutOff == nil else { return }
        cutOff = eventLoop.assumeIsolated().scheduleTask(in: Self.closeTimeout) { [self] in
            browser?.close()
            session?.close()
        }
    }

    /// One side's connection ended (or failed).
    func ended(_ side: Side) {
        switch side {
        case .browser:
            upStopped = true
            if let session {
                if !upClosed, up.betweenFrames { session.write(WebSocketFrameBytes.close(code: 1000, reason: "", masked: true)) }
                session.closeAfterWrites()
            }
            browser?.close()
        case .session:
            downStopped = downStopped || downClosed
            if let browser {
                if !downStopped, down.betweenFrames {
                    let refusal = pendingBrowserClose ?? Self.notAnswering
                    browser.write(WebSocketFrameBytes.close(code: refusal.code, reason: refusal.reason, masked: false))
                }
                downStopped = true
                browser.closeAfterWrites()
            }
            session?.close()
        }
    }

    /// Closes the browser's socket with the proxy's own close frame (put between the session's
    /// frames) and the session's with a normal close, then both connections.
    private func close(_ refusal: Refusal, sessionBetweenFrames: Bool) {
        upStopped = true
        // The browser's side first: closing the session's may end it at once (``ended(_:)``).
        if down.betweenFrames || downStopped {
            closeBrowser(refusal)
        } else {
            pendingBrowserClose = refusal
            armCutOff()
        }
        if let session {
            if sessionBetweenFrames, !upClosed { session.write(WebSocketFrameBytes.close(code: 1000, reason: "", masked: true)) }
            session.closeAfterWrites()
        }
    }

    private func closeBrowser(_ refusal: Refusal) {
        pendingBrowserClose = nil
        guard let browser else { return }
        if !downStopped, !downClosed {
            browser.write(WebSocketFrameBytes.close(code: refusal.code, reason: refusal.reason, masked: false))
        }
        downStopped = true
        browser.closeAfterWrites()
    }

    /// Closes the socket with 1001 "going away" (the session stopped); returns once the close
    /// frame is on its way.
    func goAway(_ reason: String) async {
        try? await eventLoop.submit { [self] in
            guard attached else {
                refusal = Refusal(code: 1001, reason: reason)
                return
            }
            close(Refusal(code: 1001, reason: reason), sessionBetweenFrames: up.betweenFrames)
        }.get()
    }

    /// The server is shutting down.
    func quiesce() {
        close(Refusal(code: 1001, reason: "The server is shutting down."), sessionBetweenFrames: up.betweenFrames)
    }

    // MARK: pings

    /// Every ping interval: a browser that got nothing since the last tick is pinged (between the
    /// session's frames); one that has not answered the previous ping is gone (1001).
    private func tick() {
        guard !downStopped, let browser else { return }
        if pingOutstanding {
            close(Refusal(code: 1001, reason: "The browser did not answer a ping."), sessionBetweenFrames: up.betweenFrames)
            return
        }
        defer { sentSinceTick = false }
        guard !sentSinceTick, down.betweenFrames else { return }
        browser.write(WebSocketFrameBytes.ping())
        browser.flush()
        pingOutstanding = true
    }

    // MARK: memory

    /// Gives the browser connection's TLS buffers' pages back (``ConnectionPages/release()``).
    /// It runs as a task of its own on the event loop, so no handler is inside a call: all NIOSSL
    /// decrypted has been passed on and all it encrypted handed to the socket. What is passed on
    /// may still wait in a channel's pending writes (a slice of those very buffers), so it runs
    /// only when neither connection has a write pending.
    private func releasePages() {
        guard let pages, !upStopped, !downStopped, let browserChannel = browser?.channel, let sessionChannel,
              Self.nothingPending(browserChannel), Self.nothingPending(sessionChannel) else { return }
        pages.release()
    }

    private static func nothingPending(_ channel: any Channel) -> Bool {
        (try? channel.syncOptions?.getOption(ChannelOptions.bufferedWritableBytes)) == 0
    }

    // MARK: the end

    private func finishIfDone() {
        guard browserGone, sessionGone || sessionChannel == nil || !attached else { return }
        if !attached, let sessionChannel, !sessionGone {
            sessionChannel.close(promise: nil)
            return
        }
        pingTimer?.cancel()
        pingTimer = nil
        cutOff?.cancel()
        cutOff = nil
        browser = nil
        session = nil
        let finish = hooks.withLockedValue { hooks -> (@Sendable () -> Void)? in
            guard !hooks.finished else { return nil }
            hooks.finished = true
            defer { hooks.finish = nil }
            return hooks.finish
        }
        finish?()
    }
}
