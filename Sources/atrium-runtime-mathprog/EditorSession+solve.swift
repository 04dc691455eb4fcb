import Foundation

extension EditorSession {
    /// Submits the open case to the job queue (saving it first: as a new case named `name` when
    /// it was never saved, as a new version when it has unsaved edits) and follows the job until
    /// it ends; a succeeded job's result version is opened.
    func solve(name: String?) async throws {
        let gateway = try requireGateway()
        if let job, !job.isFinished { throw EditorError.solveRunning }
        if caseId == nil {
            guard let name else { throw EditorError.notSaved }
            try await save(asName: name)
        } else if !dirty.isEmpty {
            try await save(asName: nil)
        }
        guard let caseId, let version else { throw EditorError.notSaved }
        let submitted = try await gateway.submitJob(caseId: caseId, version: version, session: sessionId)
        job = submitted
        jobCaseId = caseId
        editsAtSubmit = edits
        jobSubmitted = .now
        announce(submitted)
        Task { await self.follow(submitted.id, gateway: gateway) }
    }

    /// Asks the gateway to cancel the running solve; the job's end reaches the sockets as usual.
    func cancelSolve() async throws {
        let gateway = try requireGateway()
        guard let running = job, !running.isFinished else { throw EditorError.noSolveRunning }
        let updated = try await gateway.cancelJob(running.id)
        if updated.id == job?.id, updated != job {
            job = updated
            announce(updated)
        }
    }

    /// A `job` message, with the time since it was submitted.
    func jobEvent(_ job: GatewayJob) -> EditorEvent {
        var event = EditorEvent(type: "job")
        event.job = job
        if let jobSubmitted {
            let elapsed = ContinuousClock.now - jobSubmitted
            event.elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        return event
    }

    private func announce(_ job: GatewayJob) { broadcast(jobEvent(job)) }

    /// Polls the job every `pollInterval`, pushes changes to the sockets, and opens the result.
    private func follow(_ id: String, gateway: GatewayClient) async {
        var failures = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: pollInterval)
            let latest: GatewayJob
            do { latest = try await gateway.job(id) } catch {
                failures += 1
                logger.warning("job poll failed", metadata: ["job": "\(id)", "error": "\(error)"])
                if failures >= 10 {
                    broadcast(.error("Lost track of the solve: \(error)", op: "solve"))
                    job = nil
                    return
                }
                continue
            }
            failures = 0
            if latest != job {
                job = latest
                announce(latest)
            }
            guard latest.isFinished else { continue }
            // Whatever the job's state says, a result version is what the solve produced.
            if let number = latest.resultNumber, let caseId = jobCaseId {
                await openResult(caseId: caseId, number: number)
            }
            return
        }
    }

    /// Opens the solved version, unless the user edited meanwhile (their edits are kept then).
    private func openResult(caseId: String, number: Int64) async {
        guard edits == editsAtSubmit, self.caseId == caseId else {
            broadcast(.notice("The solution was saved as version \(number); open it to see it (your edits since are kept)."))
            return
        }
        do { try await open(caseId: caseId, version: number) } catch {
            broadcast(.error("The solution could not be loaded: \(error)", op: "solve"))
        }
    }
}
