import Catalog
import Foundation
import Store

extension JobRunner {
    /// One attempt: prepare the scratch directory, run `solve`, hand the exit to the machine.
    func execute(_ id: String) async {
        guard let job = running[id]?.record, let scratch = running[id]?.scratch, let output = running[id]?.output else { return }
        do {
            guard let caseRecord = try await catalog.caseRecord(id: job.caseId) else {
                throw SessionError.cannotLaunch("the input case was deleted")
            }
            guard let appVersion = try await catalog.version(app: job.app, version: job.appVersion) else {
                throw SessionError.cannotLaunch("the app version \(job.app) \(job.appVersion) is gone")
            }
            let prepared = try await runtimes.prepare(name: appVersion.runtimeName, version: appVersion.runtimeVersion)
            guard let solve = prepared.manifest.solve else {
                throw SessionError.cannotLaunch("the runtime \(appVersion.runtimeName) cannot solve")
            }
            running[id]?.stopGrace = prepared.manifest.stopGrace
            let cases = self.cases
            try await settings.executor.run(.files) {
                ScratchDirectory.remove(scratch)
                try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false,
                                                        attributes: [.posixPermissions: 0o700])
            }
            try await AppUnsealer.open(sealed: appVersion.sealedDigest, app: job.app, version: job.appVersion, keyring: keyring(),
                                       blobs: blobs, into: scratch + "/app", executor: settings.executor)
            // The sandbox (when on): its uid and work directory, where the input and output live.
            let space = try await SandboxSpace.prepare(settings: settings.sandbox, id: "\(id)-\(job.attempts)", kind: .solve,
                                                       directory: scratch, runtimeDirectory: prepared.directory,
                                                       apiSocket: settings.apiSocketPath, networkAllowed: prepared.networkAllowed,
                                                       executor: settings.executor)
            running[id]?.sandbox = space
            let input = space.workDirectory + "/input.case", outputFile = space.workDirectory + "/output.case"
            let owner = space.profile?.uid
            try await settings.executor.run(.files) {
                try cases.restore(manifest: caseRecord.headDigest, version: Int(job.inputNumber), toFile: input, mode: 0o600)
                if let owner, chown(input, owner, owner) != 0 {
                    throw SessionError.spawnFailed("chown \(input): \(String(cString: strerror(errno)))")
                }
            }
            let token = try await catalog.createJobToken(job: job, expiresAt: Date().addingTimeInterval(Double(job.timeoutSeconds) + 3600))
            running[id]?.tokenId = token.token.id
            let view = space.view
            let environment = SessionEnvironment(
                sessionId: id, kind: "solve", app: job.app, appVersion: job.appVersion, appDirectory: view.path(scratch + "/app"),
                runtimeDirectory: view.path(prepared.directory), workDirectory: view.path(space.workDirectory),
                apiSocket: view.path(settings.apiSocketPath), token: token.secret, caseId: job.caseId, input: view.path(input),
                output: view.path(outputFile), timeoutSeconds: Int(job.timeoutSeconds))
            let (executable, arguments) = try RuntimeCommand(searchPath: settings.searchPath)
                .resolve(solve, packageDirectory: prepared.directory, environment: environment.variables)
            let log = try SessionLog(path: settings.jobsDirectory + "/\(id).log", limit: settings.logLimit)
            log.note("attempt \(job.attempts) on \(settings.node): \(job.app) \(job.appVersion), case \(job.caseId) version \(job.inputNumber)")
            let process = try space.start(
                ProcessLaunch(executable: executable, arguments: arguments, environment: environment.variables,
                              workingDirectory: space.workDirectory, limits: settings.limits), log: log, workGuard: settings.workGuard) { line in
                // In order, on the monitor thread: `output` has the last word when the exit is seen.
                guard let text = output.take(line) else { return }
                Task { await self.progress(id, text) }
            }
            running[id]?.process = process
            // A cancel or timeout that arrived while preparing applies now.
            if case .stopping = running[id]?.machine.state { await process.stop(grace: running[id]?.stopGrace ?? .seconds(10)) }
            let exit = await process.waitForExit()
            // lstat: a link the runtime planted there is no output (storeResult refuses it too).
            var info = stat()
            let written = lstat(outputFile, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
            await handle(id, .exited(exit, outputWritten: written, workGuardMayHaveFired: settings.workGuard?.mayHaveFired == true))
            if running[id]?.machine.state == .finished(.abandoned) {
                log.note("abandoned: killed by the work guard or its lease lost (this node missed its heartbeats)")
            }
        } catch {
            running[id]?.process?.log.note("failed: \(error)")
            await handle(id, .failed("\(error)", transient: (error as? CatalogError)?.isTransient == true))
        }
    }

    /// Feeds the machine and performs its actions.
    func handle(_ id: String, _ event: JobMachine.Event) async {
        guard var job = running[id] else { return }
        let actions = job.machine.handle(event)
        running[id] = job
        for action in actions {
            switch action {
            case .terminate:
                if let process = job.process {
                    let grace = job.stopGrace
                    Task { await process.stop(grace: grace) }
                }
                // Not started yet: execute() stops it as soon as it starts.
            case .storeResult:
                await storeResult(id)
            case .record(let outcome):
                await conclude(id, outcome)
            }
        }
    }

    /// Saves the output as a new version of the input case (on top of whatever is newest now),
    /// or, when the job's user may no longer write that case (checked in the catalog in the
    /// same transaction as the save), as a new case of theirs (``keepAsNewCase(_:_:output:caseName:why:)``).
    private func storeResult(_ id: String) async {
        guard let job = running[id]?.record, let scratch = running[id]?.scratch else { return }
        let cases = self.cases
        let output = scratch + "/work/output.case"
        let progress = running[id]?.output.progress, resultStatus = running[id]?.output.resultStatus
        // The process has ended: its seat is free before the job shows succeeded.
        await releaseSeatAndToken(id, reason: "finished")
        do {
            var tries = 0
            while true {
                tries += 1
                guard let current = try await CatalogRetry.run(for: outcomeRetryWindow, { try await catalog.caseRecord(id: job.caseId) })
                else {
                    throw SessionError.cannotLaunch("the input case was deleted while the job ran")
                }
                let saved = try await settings.executor.run(.files) {
                    let saved = try cases.save(from: try SolveOutput.open(output), name: current.name, app: current.app,
                                               parent: current.headDigest)
                    try cases.prepareToRecord(saved)  // not collected by a gc while it was written
                    return saved
                }
                do {
                    // Fenced by node and attempt, in the same transaction as the new version: an
                    // attempt that is no longer this node's adds no result.
                    let stored = try await CatalogRetry.run(for: outcomeRetryWindow) {
                        try await catalog.saveJobResult(id: id, node: settings.node, attempt: job.attempts, caseId: job.caseId,
                                                        expectedHead: current.headDigest, newHead: saved.manifestDigest,
                                                        number: Int64(saved.version.number), size: saved.version.size,
                                                        resultStatus: resultStatus, progress: progress, by: .user(job.userId))
                    }
                    guard stored != nil else {
                        running[id]?.process?.log.note("the result was dropped: this attempt is no longer this node's")
                        await conclude(id, .abandoned)
                        return
                    }
                    running[id]?.resultRecorded = true
                    await conclude(id, .succeeded, resultNumber: Int64(saved.version.number))
                    return
                } catch CatalogError.conflict where tries < 5 {
                    continue  // the user saved meanwhile: the result goes on top of their version
                } catch CatalogError.forbidden(let why) {
                    try await keepAsNewCase(id, job, output: output, caseName: current.name, why: why)
                    return
                }
            }
        } catch {
            await conclude(id, .failed("the result could not be stored: \(error)"))
        }
    }

    /// The output as a new case of the job's user, when they may no longer write the input case:
    /// saved without the input as parent (its history is not theirs to read any more).
    private func keepAsNewCase(_ id: String, _ job: JobRecord, output: String, caseName: String, why: String) async throws {
        let cases = self.cases
        let progress = running[id]?.output.progress, resultStatus = running[id]?.output.resultStatus
        let name = Catalog.keptResultName(caseName: caseName, jobId: id)
        let saved = try await settings.executor.run(.files) {
            let saved = try cases.save(from: try SolveOutput.open(output), name: name, app: job.app)
            try cases.prepareToRecord(saved)  // not collected by a gc while it was written
            return saved
        }
        let stored = try await CatalogRetry.run(for: outcomeRetryWindow) {
            try await catalog.keepJobResultAsNewCase(id: id, node: settings.node, attempt: job.attempts, name: name,
                                                     head: saved.manifestDigest, size: saved.version.size, why: why,
                                                     resultStatus: resultStatus, progress: progress)
        }
        guard let (record, _) = stored else {
            running[id]?.process?.log.note("the result was dropped: this attempt is no longer this node's")
            await conclude(id, .abandoned)
            return
        }
        running[id]?.process?.log.note("\(why): the result was kept as the new case '\(name)' (\(record.id))")
        running[id]?.resultRecorded = true
        await conclude(id, .succeeded, resultNumber: 1)
    }

    /// Records the outcome, keeps the log, releases seat, token and scratch space. Once per attempt.
    func conclude(_ id: String, _ outcome: JobOutcome, resultNumber: Int64? = nil) async {
        guard let job = running[id], !job.concluding else { return }
        running[id]?.concluding = true
        var outcome = outcome
        if case .failed(let why) = outcome, let limit = job.process?.limit { outcome = .failed("\(limit) reached: \(why)") }
        // Removed only once everything is recorded, so shutdown waits for it.
        defer { running[id] = nil }
        let now = Date()
        let attempt = job.record.attempts
        let log = job.process?.log
        log?.note("outcome: \(outcome)")
        log?.finish()
        let logDigest = await LogArchive.keep(log: settings.jobsDirectory + "/\(id).log", removing: job.scratch, in: blobs,
                                             executor: settings.executor)
        await job.sandbox?.release()
        // Seat and token first: whoever sees the job finished finds its seat free.
        if !job.resourcesReleased { await releaseSeatAndToken(id, reason: "\(outcome)", now: now) }
        do {
            if job.resultRecorded {
                if let logDigest {
                    try await CatalogRetry.run(for: outcomeRetryWindow) {
                        try await catalog.attachJobLog(id: id, node: settings.node, attempt: attempt, logDigest: logDigest)
                    }
                }
            } else {
                // The last progress line goes with the outcome (in the same statement): written
                // before, it could lose to a live progress write; after, the job is no longer running.
                let progress = job.output.progress
                try await CatalogRetry.run(for: outcomeRetryWindow) { try await record(id, outcome, resultNumber: resultNumber,
                                                                                           logDigest: logDigest, progress: progress,
                                                                                           now: now, attempt: attempt) }
            }
        } catch {
            logger.error("could not record a job's outcome", metadata: ["job": "\(id)", "error": "\(error)"])
        }
        if let session = job.record.sessionId { await sessions.solve(started: false, session: session) }
        lastProgressWrite[id] = nil
        await events.publish(job: id, .state(Self.stateName(outcome)))
        await events.close(job: id)
        logger.info("job ended", metadata: ["job": "\(id)", "outcome": "\(outcome)"])
        wake()
    }

    /// Returns the attempt's solve seat and revokes its token (the process has ended).
    func releaseSeatAndToken(_ id: String, reason: String, now: Date = Date()) async {
        guard let job = running[id], !job.resourcesReleased else { return }
        running[id]?.resourcesReleased = true
        try? await catalog.returnSeat(id: job.seatId, reason: reason, now: now)
        if let tokenId = job.tokenId {
            await TokenRevocation.revoke(tokenId, of: "job \(id)", catalog: catalog, hooks: hooks, logger: logger, now: now)
        }
    }

    /// The outcome in the catalog, fenced by node and attempt.
    private func record(_ id: String, _ outcome: JobOutcome, resultNumber: Int64?, logDigest: String?, progress: String?,
                        now: Date, attempt: Int) async throws {
        switch outcome {
        case .succeeded:
            _ = try await catalog.finishJob(id: id, node: settings.node, state: .succeeded, resultNumber: resultNumber,
                                            reason: nil, logDigest: logDigest, progress: progress, now: now, attempt: attempt)
        case .failed(let reason):
            _ = try await catalog.finishJob(id: id, node: settings.node, state: .failed, resultNumber: nil,
                                            reason: reason, logDigest: logDigest, progress: progress, now: now, attempt: attempt)
        case .cancelled:
            _ = try await catalog.finishJob(id: id, node: settings.node, state: .cancelled, resultNumber: nil,
                                            reason: "cancelled", logDigest: logDigest, progress: progress, now: now, attempt: attempt)
        case .requeued:
            _ = try await catalog.releaseJob(id: id, node: settings.node, now: now, attempt: attempt, rule: JobMachine.givenBack)
        case .abandoned:
            // Usually the job is another node's already and this changes nothing (fenced by
            // node and attempt); if not, it goes back now as a lost job (its attempt counted)
            // instead of when its lease lapses.
            _ = try await catalog.releaseJob(id: id, node: settings.node, now: now, attempt: attempt,
                                             rule: JobMachine.rule(after: .abandoned))
        }
    }

    /// A `progress:` line: to the watchers at once, to the catalog at most every 250 ms.
    func progress(_ id: String, _ text: String) async {
        guard running[id] != nil else { return }
        await events.publish(job: id, .progress(text))
        let now = Date()
        // Lines in between are skipped; the last one is written with the job's outcome (conclude).
        if let last = lastProgressWrite[id], now.timeIntervalSince(last) < 0.25 { return }
        lastProgressWrite[id] = now
        _ = try? await catalog.setJobProgress(id: id, node: settings.node, text: text, attempt: running[id]?.record.attempts)
    }

    static func stateName(_ outcome: JobOutcome) -> String {
        switch outcome {
        case .succeeded: "succeeded"
        case .failed: "failed"
        case .cancelled: "cancelled"
        case .requeued: "queued"
        case .abandoned: "running"
        }
    }
}
