import Catalog
import Foundation
import Logging
import Store

/// Runs optimization sessions on this node (DESIGN §5): claims queued jobs from the catalog
/// (highest priority first, never one job twice), takes a solve seat, restores the input case
/// version, runs the runtime's `solve`, streams `progress:` lines, enforces the time limit and
/// cancellation, and stores the output as a new version of the case. Each attempt's decisions
/// come from a `JobMachine`, and so does what becomes of jobs whose node stopped renewing them
/// (the catalog carries that out).
public actor JobRunner {
    let settings: SessionSettings
    let catalog: Catalog
    let blobs: BlobStore
    let cases: CaseStore
    let keyring: @Sendable () -> AppKeyring
    let runtimes: RuntimeCache
    let licenses: LicenseGate
    let sessions: SessionManager
    let hooks: SessionHooks
    public let events: JobEvents
    let logger: Logger
    var running: [String: RunningJob] = [:]
    var lastProgressWrite: [String: Date] = [:]
    private var wakeWaiter: CheckedContinuation<Void, Never>?
    private var pendingWake = false
    private var stopping = false
    /// Jobs running here when the last pass ended: fewer at the next pass means a solve slot freed.
    private var runningAfterLastPass = 0
    /// Where the loop is, and when it last finished a pass: `passStall(now:)` reports a loop
    /// that hangs (an operator sees it in the log instead of a silently idle node).
    var stage = "starting"
    var lastPassEnded = Date()
    /// How long a job's result and outcome writes are retried through a catalog outage: longer
    /// than a PostgreSQL restart or failover. Safe for any length: the writes are fenced by node
    /// and attempt, so one that lands after the job went to another node changes nothing.
    var outcomeRetryWindow: TimeInterval { max(settings.leaseSeconds, 120) }

    public init(settings: SessionSettings, catalog: Catalog, blobs: BlobStore, keyring: @escaping @Sendable () -> AppKeyring,
                runtimes: RuntimeCache, licenses: LicenseGate, sessions: SessionManager, events: JobEvents, hooks: SessionHooks, logger: Logger) throws {
        self.settings = settings
        self.catalog = catalog
        self.blobs = blobs
        self.cases = CaseStore(blobs: blobs)
        self.keyring = keyring
        self.runtimes = runtimes
        self.licenses = licenses
        self.sessions = sessions
        self.events = events
        self.hooks = hooks
        self.logger = logger
        try FileManager.default.createDirectory(atPath: settings.jobsDirectory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    /// Looks at the queue now: a job was submitted or cancelled here, one of this node's ended,
    /// or (in a cluster, through `ClusterMember`) the master heard of queued jobs or this node
    /// was given some. Otherwise the loop looks every `SessionSettings.pollInterval`.
    public nonisolated func wake() {
        Task { await self.signal() }
    }

    /// The loop, until cancelled: requeue what dead nodes left, watch running jobs, claim work.
    public func run() async {
        while !Task.isCancelled, !stopping {
            await pass(now: Date())
            lastPassEnded = Date()
            stage = "waiting"
            // At least three passes a lease: the pass renews the running jobs' leases.
            await waitForWake(timeout: min(settings.pollInterval, settings.leaseSeconds / 3))
        }
    }

    func pass(now: Date) async {
        defer { runningAfterLastPass = running.count }
        do {
            if running.count < runningAfterLastPass { await slotFreed(now: now) }
            stage = "requeue and dispatch"
            try await requeueAndDispatch(now: now)
            stage = "supervise"
            await supervise(now: now)
            stage = "claim"
            while running.count < settings.solveSlots, !stopping {
                // Its own time: started_at says when the job left the queue, after the passes' other work.
                let claimed = Date()
                guard let job = try await catalog.claimNextJob(node: settings.node, leaseUntil: claimed.addingTimeInterval(settings.leaseSeconds),
                                                               now: claimed, assignedOnly: settings.cluster != nil) else { break }
                stage = "admit"
                guard await admit(job, now: now) else { break }
                stage = "claim"
            }
        } catch {
            guard !Task.isCancelled else { return }
            logger.error("job queue pass failed", metadata: ["error": "\(error)"])
        }
    }

    /// Alone (SQLite), every pass requeues jobs whose lease lapsed. In a cluster only the master
    /// does, and places queued jobs on nodes by free capacity — both fenced by its lease's token.
    private func requeueAndDispatch(now: Date) async throws {
        let requeued: [JobRecord]
        if let cluster = settings.cluster {
            guard let lease = cluster.masterLease(now: now) else { return }
            do {
                // A lapsed job lease alone proves little in a cluster: its node may be paused, its
                // runtime still running until the work guard fires. Dead nodes' jobs come back
                // through declareDeadNodes; this only catches leases lapsed past the dead-after time.
                requeued = try await catalog.requeueExpiredJobs(master: lease.node, token: lease.token,
                                                                now: now.addingTimeInterval(-cluster.settings.deadAfter),
                                                                rule: JobMachine.rule(after: .leaseLapsed))
                let placed = try await catalog.dispatchJobs(master: lease.node, token: lease.token, now: now,
                                                            staleAssignmentBefore: now.addingTimeInterval(-cluster.settings.staleAssignment))
                if !placed.isEmpty {
                    logger.debug("jobs placed", metadata: ["count": "\(placed.count)"])
                    await announce(Set(placed.map(\.node)).subtracting([settings.node]).sorted().map { .assigned(node: $0) })
                }
            } catch CatalogError.staleFence(let why) {
                cluster.fenced(token: lease.token)
                logger.warning("dispatch refused as stale: this node is not master any more", metadata: ["why": "\(why)"])
                return
            }
        } else {
            requeued = try await catalog.requeueExpiredJobs(now: now, rule: JobMachine.rule(after: .leaseLapsed))
        }
        for job in requeued {
            logger.warning("a job's lease lapsed: handed back", metadata: ["job": "\(job.id)", "state": "\(job.state.rawValue)",
                                                                      "attempts": "\(job.attempts)"])
        }
    }

    /// A cluster node whose job ended tells the master, which places the next job into the freed
    /// slot at once (the master itself does in this pass anyway).
    private func slotFreed(now: Date) async {
        guard let cluster = settings.cluster, cluster.masterLease(now: now) == nil else { return }
        await announce([.queue])
    }

    /// Sends job notices; a failure only costs time (the nodes poll), so it is logged, not thrown.
    private func announce(_ notices: [JobNotice]) async {
        do {
            try await catalog.announce(notices)
        } catch {
            logger.warning("could not send job notices; the nodes will find the jobs by polling", metadata: ["error": "\(error)"])
        }
    }

    /// Takes the solve seat for a claimed job and starts it; gives the job back when no seat is free.
    private func admit(_ job: JobRecord, now: Date) async -> Bool {
        let seat: Seat
        do {
            let limits = try await licenses.limits(app: job.app, now: now)
            seat = try await catalog.takeSeat(kind: .solve, holder: job.id, userId: job.userId, app: job.app, node: settings.node,
                                              limits: limits, leaseUntil: now.addingTimeInterval(settings.leaseSeconds), now: now)
        } catch CatalogError.limitReached, SessionError.limitReached {
            _ = try? await catalog.releaseJob(id: job.id, node: settings.node, now: now, attempt: job.attempts, rule: JobMachine.givenBack)
            return false
        } catch {
            _ = try? await catalog.finishJob(id: job.id, node: settings.node, state: .failed, resultNumber: nil,
                                             reason: "\(error)", logDigest: nil, now: now, attempt: job.attempts)
            return true
        }
        running[job.id] = RunningJob(record: job, scratch: settings.jobsDirectory + "/" + job.id, seatId: seat.id,
                                     seatLease: SeatLease(seatId: seat.id, until: seat.leaseUntil, duration: settings.leaseSeconds),
                                     started: now)
        if let session = job.sessionId { await sessions.solve(started: true, session: session) }
        await events.publish(job: job.id, .state("running"))
        Task { await self.execute(job.id) }
        return true
    }

    /// Renews the leases of running jobs (and their seats when `SeatLease` says so); passes on
    /// cancellations and lost leases.
    func supervise(now: Date) async {
        for (id, job) in running where !job.concluding {
            do {
                if try await !catalog.renewJobLease(id: id, node: settings.node, until: now.addingTimeInterval(settings.leaseSeconds),
                                                    attempt: job.record.attempts) {
                    await handle(id, .leaseLost)
                    continue
                }
                if try await catalog.job(id: id)?.cancelRequested == true { await handle(id, .cancelRequested) }
                if now.timeIntervalSince(job.started) > TimeInterval(job.record.timeoutSeconds) { await handle(id, .timedOut) }
            } catch {
                logger.warning("could not renew a job's lease", metadata: ["job": "\(id)", "error": "\(error)"])
            }
            await renewSeatIfDue(id, now: now)
        }
    }

    /// A running job's solve seat is renewed once a third of its lease is used (`SeatLease`); a
    /// seat that lapsed, or that the catalog no longer holds, is not renewed again.
    private func renewSeatIfDue(_ id: String, now: Date) async {
        guard let lease = running[id]?.seatLease else { return }
        switch lease.decide(now: now) {
        case .keep:
            return
        case .renew(let until):
            do {
                try await catalog.renewSeat(id: lease.seatId, until: until, now: now)
                running[id]?.seatLease?.renewed(until: until)
            } catch CatalogError.notFound {
                running[id]?.seatLease = nil
                logger.warning("a job's seat is no longer held; not renewed", metadata: ["job": "\(id)", "seat": "\(lease.seatId)"])
            } catch {
                logger.warning("could not renew a job's seat", metadata: ["job": "\(id)", "error": "\(error)"])
            }
        case .lapsed:
            running[id]?.seatLease = nil
            logger.warning("a job's seat lease lapsed (this node was paused or cut off)", metadata: ["job": "\(id)", "seat": "\(lease.seatId)"])
        }
    }

    /// Cancels a job running on this node at once (the catalog already has the request).
    public func cancelLocal(_ id: String) async {
        await handle(id, .cancelRequested)
    }

    /// This node was declared dead and its jobs are queued elsewhere: stop them all, record nothing.
    public func dropAll() async {
        for id in Array(running.keys) { await handle(id, .leaseLost) }
    }

    /// Stops every running job and gives it back to the queue (shutdown).
    public func shutdown() async {
        stopping = true
        signal()
        for id in Array(running.keys) { await handle(id, .shutdown) }
        for _ in 0..<3000 where !running.isEmpty { try? await Task.sleep(for: .milliseconds(10)) }
    }

    public var runningCount: Int { running.count }

    /// How long the loop has been in one pass and where, when that is over `limit`; nil otherwise.
    public func passStall(now: Date = Date(), limit: TimeInterval = 30) -> (seconds: TimeInterval, stage: String)? {
        guard stage != "waiting", now.timeIntervalSince(lastPassEnded) > limit else { return nil }
        return (now.timeIntervalSince(lastPassEnded), stage)
    }

    private func signal() {
        if let waiter = wakeWaiter {
            wakeWaiter = nil
            waiter.resume()
        } else {
            pendingWake = true
        }
    }

    private func waitForWake(timeout: TimeInterval) async {
        if pendingWake {
            pendingWake = false
            return
        }
        await withCheckedContinuation { continuation in
            wakeWaiter = continuation
            Task {
                try? await Task.sleep(for: .milliseconds(Int(timeout * 1000)))
                self.timerFired(continuation)
            }
        }
    }

    private func timerFired(_ continuation: CheckedContinuation<Void, Never>) {
        // Only the wait this timer belongs to; a wake may have ended it already.
        guard wakeWaiter != nil else { return }
        signal()
    }
}

extension JobRunner {
    /// The output so far of a job running on this node, or nil.
    public func liveLog(_ id: String) -> String? {
        running[id]?.process?.log.contents()
    }
}
