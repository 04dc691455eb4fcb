import Catalog
import Foundation
import Logging

/// This node in the cluster: registers in the catalog, heartbeats with its load, tries for the
/// master lease, and while master declares dead nodes (their jobs queued again, sessions lost,
/// seats returned) — every master decision fenced by the lease's token. The decisions are the
/// `ClusterMachine`'s; this actor performs them. Job dispatch runs in the job runner's pass
/// while this node holds the lease (`ClusterState.masterLease`).
///
/// With a notice listener (`JobNoticeListener`), what it hears are events for the machine too:
/// a queued job or freed slot wakes the master's job runner (it dispatches at once), an
/// assignment wakes the assigned node's (it claims at once). The runners' polling stays the
/// fallback for whatever is missed while the listener is not connected.
public actor ClusterMember {
    let state: ClusterState
    let catalog: Catalog
    let sessions: SessionManager
    let jobs: JobRunner
    let workGuard: WorkGuard?
    let hooks: SessionHooks
    let logger: Logger
    let notices: JobNoticeListener?
    var machine: ClusterMachine

    public init(state: ClusterState, catalog: Catalog, sessions: SessionManager, jobs: JobRunner, workGuard: WorkGuard?,
                hooks: SessionHooks, notices: JobNoticeListener? = nil, logger: Logger) {
        self.state = state
        self.catalog = catalog
        self.sessions = sessions
        self.jobs = jobs
        self.workGuard = workGuard
        self.hooks = hooks
        self.logger = logger
        self.notices = notices
        self.machine = ClusterMachine(settings: state.settings)
    }

    var settings: ClusterSettings { state.settings }

    /// Registers at once (so the node is listed before its first tick), then ticks until
    /// cancelled; listens for job notices meanwhile.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            if let notices {
                group.addTask { await notices.run { event in await self.heard(event) } }
            }
            group.addTask { await self.ticks() }
            await group.waitForAll()
        }
    }

    private func ticks() async {
        await feed(.tick(Date()))
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(Int(settings.tick * 1000)))
            guard !Task.isCancelled else { break }
            await feed(.tick(Date()))
        }
    }

    /// Graceful shutdown (after jobs were given back and sessions stopped): leaves the cluster
    /// and gives up the master lease, so others need not wait for them to lapse.
    public func leave() async {
        if let lease = state.masterLease() {
            _ = try? await catalog.resignMaster(node: settings.node, token: lease.token)
        }
        state.set(lease: nil)
        _ = try? await catalog.leaveNode(name: settings.node, incarnation: state.incarnation, now: Date())
        workGuard?.close()
    }

    public var role: ClusterMachine.Role { machine.role }

    private func heard(_ event: JobNoticeListener.Event) async {
        switch event {
        case .listening:
            logger.info("listening for job notices")
            await feed(.noticesListening)
        case .notice(let notice):
            await feed(.jobNotice(notice))
        case .lost(let reason, let retryIn):
            logger.warning("not listening for job notices (jobs are found by polling meanwhile)",
                           metadata: ["reason": "\(reason)", "retry_in_s": "\(retryIn)"])
        }
    }

    func feed(_ event: ClusterMachine.Event) async {
        var pending = [event]
        while !pending.isEmpty {
            let next = pending.removeFirst()
            for action in machine.handle(next) {
                if let result = await perform(action) { pending.append(result) }
            }
        }
    }

    /// Performs one action; returns the event its result makes, if any.
    private func perform(_ action: ClusterMachine.Action) async -> ClusterMachine.Event? {
        let now = Date()
        do {
            switch action {
            case .register:
                let incarnation = RandomID.make()
                _ = try await catalog.registerNode(name: settings.node, address: state.address, incarnation: incarnation,
                                                   solveSlots: settings.solveSlots, now: now)
                state.set(incarnation: incarnation)
                logger.notice("joined the cluster", metadata: ["node": "\(settings.node)", "address": "\(state.address)"])
                return .registered(now)
            case .heartbeat:
                let accepted = try await catalog.heartbeat(name: settings.node, incarnation: state.incarnation,
                                                           runningJobs: await jobs.runningCount,
                                                           dataSessions: await sessions.runningCount, now: now)
                if let stall = await jobs.passStall(now: now) {
                    logger.warning("the job queue loop is stuck", metadata: ["seconds": "\(Int(stall.seconds))", "at": "\(stall.stage)"])
                }
                if !accepted {
                    logger.error("this node was declared dead by the cluster (it missed its heartbeats); dropping its work and joining again")
                }
                return .heartbeat(accepted: accepted, now)
            case .renewGuard:
                workGuard?.renew()
            case .tryAcquireMaster:
                let until = now.addingTimeInterval(settings.masterLease)
                if let lease = try await catalog.acquireMaster(node: settings.node, leaseUntil: until, now: now) {
                    if !machine.isMaster {
                        logger.notice("this node is the master", metadata: ["token": "\(lease.token)"])
                    }
                    state.set(lease: lease)
                    return .acquired(token: lease.token, leaseUntil: lease.leaseUntil, since: lease.since)
                }
            case .renewMaster(let token):
                let until = now.addingTimeInterval(settings.masterLease)
                guard try await catalog.renewMaster(node: settings.node, token: token, leaseUntil: until, now: now) else {
                    logger.warning("lost the master lease", metadata: ["token": "\(token)"])
                    return .lostMastership
                }
                state.set(lease: MasterLease(node: settings.node, token: token, leaseUntil: until,
                                             since: state.masterLease()?.since ?? now))
                return .renewed(leaseUntil: until)
            case .masterPass(let token):
                let cleanups = try await catalog.declareDeadNodes(master: settings.node, token: token,
                                                                  heartbeatBefore: now.addingTimeInterval(-settings.deadAfter), now: now,
                                                                  rule: JobMachine.rule(after: .nodeDead))
                for cleanup in cleanups {
                    for tokenId in cleanup.revokedTokens { hooks.revokedToken(id: tokenId) }
                    logger.error("node declared dead", metadata: [
                        "node": "\(cleanup.node)", "requeued": "\(cleanup.requeuedJobs.count)", "failed": "\(cleanup.failedJobs.count)",
                        "lost_sessions": "\(cleanup.lostSessions.count)",
                    ])
                }
                if !cleanups.isEmpty { jobs.wake() }
            case .stepDown:
                state.set(lease: nil)
            case .dropLocalWork:
                await jobs.dropAll()
                await sessions.stopAll(reason: .nodeLost)
            case .wakeJobs:
                jobs.wake()
            }
        } catch CatalogError.staleFence(let why) {
            logger.warning("a master decision was refused as stale", metadata: ["why": "\(why)"])
            return .lostMastership
        } catch {
            logger.warning("cluster step failed", metadata: ["action": "\(action)", "error": "\(error)"])
            return .catalogFailed(now)
        }
        return nil
    }
}
