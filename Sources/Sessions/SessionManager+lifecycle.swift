import Catalog
import Foundation
import Store

extension SessionManager {
    /// Feeds an event to a session's machine and performs what it returns.
    func handle(_ id: String, _ event: DataSessionMachine.Event) async {
        guard var session = live[id] else { return }
        let actions = session.machine.handle(event)
        live[id] = session
        for action in actions {
            switch action {
            case .publish:
                await publish(id)
            case .terminate(let reason):
                session.process?.log.note("stopping: \(reason.rawValue)")
                if let process = session.process {
                    let grace = session.stopGrace
                    Task { await process.stop(grace: grace) }
                } else {
                    // Nothing runs yet: there is no exit to wait for.
                    await finish(id, end: .stopped(reason))
                }
            case .finish(let end):
                await finish(id, end: end)
            }
        }
    }

    private func publish(_ id: String) async {
        guard let session = live[id], let target = session.target else { return }
        do {
            try await catalog.markDataSessionReady(id: id, address: "unix:" + target.socketPath, tokenId: session.tokenId, now: Date())
            // Stopped meanwhile: its finish removed the route already, or will find none.
            guard let current = live[id], !current.finishing, case .ready = current.machine.state else { return }
            await proxy.register(target)
            logger.info("data session ready", metadata: ["session": "\(id)",
                                                         "ms": "\(Int(Date().timeIntervalSince(session.machine.started) * 1000))"])
        } catch {
            logger.error("could not record a ready session; stopping it", metadata: ["session": "\(id)", "error": "\(error)"])
            await handle(id, .stop(.requested))
        }
    }

    /// Releases everything a session held, exactly once: proxy route and sockets, seat, token,
    /// scratch directory; keeps the log in the store and records how it ended.
    func finish(_ id: String, end: SessionEnd) async {
        guard var session = live[id], !session.finishing else { return }
        var end = end
        if case .crashed = end, let limit = session.process?.limit { end = .limitReached(limit) }
        session.finishing = true
        live[id] = session
        await proxy.remove(session: id)
        hooks.removedRoute(session: id)
        session.socketDirectory?.close()
        let now = Date()
        try? await catalog.returnSeat(id: session.seatId, reason: end.description, now: now)
        if let tokenId = session.tokenId {
            await TokenRevocation.revoke(tokenId, of: "data session \(id)", catalog: catalog, hooks: hooks, logger: logger, now: now)
        }
        session.process?.log.note("session ended: \(end)")
        session.process?.log.finish()
        let logDigest = await LogArchive.keep(log: session.logPath, removing: session.scratch, in: blobs, executor: settings.executor)
        await session.sandbox?.release()
        do {
            _ = try await catalog.endDataSession(id: id, reason: end.description, logDigest: logDigest, now: now)
        } catch {
            logger.error("could not record a session's end", metadata: ["session": "\(id)", "error": "\(error)"])
        }
        live[id] = nil
        logger.info("data session ended", metadata: ["session": "\(id)", "how": "\(end)"])
    }

    /// Stops a session of this node (SIGTERM, SIGKILL after the runtime's grace) and waits for
    /// its end. Unknown or already ended sessions are a no-op.
    public func stop(_ id: String, reason: StopReason = .requested) async {
        guard let process = live[id]?.process else {
            if live[id] != nil { await handle(id, .stop(reason)) }
            return
        }
        await handle(id, .stop(reason))
        _ = await process.waitForExit()
        for _ in 0..<1000 where live[id] != nil { try? await Task.sleep(for: .milliseconds(5)) }
    }

    /// In a cluster, another node's API or portal asks for a stop by marking the session
    /// `stopping` in the catalog: stop those of this node.
    private func stopMarkedElsewhere() async {
        guard settings.cluster != nil, let records = try? await catalog.activeDataSessions(node: settings.node) else { return }
        for record in records where record.state == .stopping && live[record.id] != nil {
            Task { await self.stop(record.id, reason: .requested) }
        }
    }

    /// Stops every session (shutdown).
    public func stopAll(reason: StopReason = .shutdown) async {
        await withTaskGroup(of: Void.self) { group in
            for id in live.keys { group.addTask { await self.stop(id, reason: reason) } }
        }
    }

    /// Timers: launch timeout, reconnect window, idle; renews this node's seat leases.
    public func tick(now: Date = Date()) async {
        for id in Array(live.keys) { await handle(id, .tick(now)) }
        if live.isEmpty {
            seatLease = nil
        } else {
            await renewSeatsIfDue(now: now)
            await stopMarkedElsewhere()
        }
        // Seats whose holder died (another node, or this one before a restart) end in the history.
        if now.timeIntervalSince(lastLapsedSweep) > settings.leaseSeconds {
            lastLapsedSweep = now
            _ = try? await catalog.closeLapsedSeats(now: now)
        }
    }

    /// `SeatLease` decides when this node's seats are renewed (all at once, to the same time, so
    /// one lease stands for them all): once a third of the lease is used, and at once when there
    /// is none yet or it lapsed.
    private func renewSeatsIfDue(now: Date) async {
        let until: Date
        switch seatLease?.decide(now: now) ?? .renew(now.addingTimeInterval(settings.leaseSeconds)) {
        case .keep:
            return
        case .renew(let next):
            until = next
        case .lapsed:
            logger.warning("this node's seat leases lapsed (it was paused or cut off); renewing them", metadata: ["node": "\(settings.node)"])
            until = now.addingTimeInterval(settings.leaseSeconds)
        }
        guard (try? await catalog.renewSeats(node: settings.node, until: until, now: now)) != nil else { return }
        if seatLease == nil {
            seatLease = SeatLease(seatId: "node \(settings.node)", until: until, duration: settings.leaseSeconds)
        } else {
            seatLease?.renewed(until: until)
        }
    }

    /// Traffic reported by the proxy.
    public func activity(_ id: String, _ activity: ProxyActivity, now: Date = Date()) async {
        switch activity {
        case .socketOpened: await handle(id, .socketOpened(now))
        case .socketClosed: await handle(id, .socketClosed(now))
        case .request: await handle(id, .request(now))
        }
    }

    /// A job submitted from a data session runs (counts as activity) or ended.
    public func solve(started: Bool, session id: String) async {
        await handle(id, started ? .solveStarted : .solveEnded(Date()))
    }

    /// The session's log: live from this node, else from the store once it ended.
    public func log(_ id: String) async throws -> String? {
        if let process = live[id]?.process { return process.log.contents() }
        guard let record = try await catalog.dataSession(id: id), let digest = record.logDigest,
              let blob = BlobDigest(hex: digest) else { return nil }
        let blobs = self.blobs
        return try await settings.executor.run(.files) { String(decoding: try blobs.read(blob, limit: 64 << 20), as: UTF8.self) }
    }

    public var runningCount: Int { live.count }

    public func isLive(_ id: String) -> Bool { live[id] != nil }
}
