import Catalog
import Foundation
import Hummingbird
import Sessions
import Store

/// Optimization sessions in the portal: submit a solve of a case (`POST /cases/:case/solve`),
/// the job list (`/jobs`) and a job's page with live progress (`portal.js` follows
/// `/api/v1/jobs/{job}/events`), cancel (after a confirmation), log and the result version. A
/// solve that found no solution says so as a warning (``PortalJobOutcome``).
enum PortalJobPages {
    static func add(_ portal: Portal) {
        portal.page("/jobs") { call in
            var cases: [String: String] = [:]
            var rows: [[String: Any]] = []
            for job in try await call.catalog.listJobs(userId: call.user.id, state: nil, limit: 100) {
                if cases[job.caseId] == nil { cases[job.caseId] = try await call.catalog.caseRecord(id: job.caseId)?.name ?? "deleted case" }
                let outcome = PortalJobOutcome(job)
                rows.append(["id": job.id, "app": job.app, "caseId": job.caseId, "caseName": cases[job.caseId] ?? "", "input": job.inputNumber,
                             "state": outcome.text, "style": outcome.style, "progress": job.progress ?? "",
                             "submittedAt": PortalFormat.date(job.submittedAt), "result": job.resultNumber ?? 0,
                             "hasResult": job.resultNumber != nil, "resultCase": job.resultCase ?? job.caseId])
            }
            return PortalView("jobs", title: "Jobs", ["jobs": rows, "hasJobs": !rows.isEmpty])
        }

        let jobPage: Portal.Page = { call in
            let job = try await owned(call)
            let log = try await jobLog(job, call)
            let active = job.state == .queued || job.state == .running
            let outcome = PortalJobOutcome(job)
            var values: [String: Any] = [
                "id": job.id, "app": job.app, "appVersion": job.appVersion, "caseId": job.caseId, "input": job.inputNumber,
                "state": outcome.text, "style": outcome.style, "progress": job.progress ?? "", "attempts": job.attempts,
                "priority": job.priority, "submittedAt": PortalFormat.date(job.submittedAt), "result": job.resultNumber ?? 0,
                "hasResult": job.resultNumber != nil, "hasSolution": outcome.hasSolution, "active": active,
                "resultCase": job.resultCase ?? job.caseId,
            ]
            if let record = try await call.catalog.caseRecord(id: job.caseId) { values["caseName"] = record.name }
            if let node = job.node, !node.isEmpty { values["node"] = node }
            if let placed = job.assignedNode, !placed.isEmpty { values["placed"] = placed }
            if let reason = job.reason, !reason.isEmpty { values["reason"] = reason }
            if job.state == .succeeded, !outcome.hasSolution { values["noSolution"] = PortalJobOutcome.explanation(job.resultStatus) }
            return PortalView("job", title: "Job \(job.id)", ["job": values, "log": log, "hasLog": !log.isEmpty])
        }
        portal.page("/jobs/:job", jobPage)

        portal.form("/jobs/:job/cancel", page: jobPage) { call, form in
            let job = try await owned(call)
            guard job.state == .queued || job.state == .running else { throw Problem.conflict("The job has already ended.") }
            guard PortalConfirmation.given(form) else {
                return .confirm(PortalConfirmation(
                    question: "Cancel job \(job.id)?",
                    consequence: job.state == .running
                        ? "The solve of \(job.app) stops now and its progress is lost; the case is not changed."
                        : "The queued solve of \(job.app) does not run; the case is not changed.",
                    button: "Cancel the job", back: "/jobs/\(job.id)"))
            }
            let updated = try await call.catalog.requestJobCancel(id: job.id, by: call.actor, now: Date())
            if updated.state == .running, updated.node == call.services.configuration.nodeName {
                await call.services.sessions.jobs.cancelLocal(job.id)
            }
            return .redirect("/jobs/\(job.id)", message: "Cancel requested.")
        }

        portal.form("/cases/:case/solve", page: PortalCasePages.casePage) { call, form in
            let caseId = try call.parameter("case")
            let record = try await SolvePolicy.solvableCase(caseId, userId: call.user.id, call.catalog)
            try SandboxPolicy.requireRunnable(call.services.sessions.sandbox, "solve")
            guard let version = try await call.catalog.app(named: record.app)?.latestVersion else {
                throw Problem.conflict("App \(record.app) has no version to solve with yet.")
            }
            var input = record.headNumber
            if let text = form["version"] {
                guard let number = Int64(text), (1...record.headNumber).contains(number) else {
                    throw Problem.badRequest("Version must be a whole number from 1 to \(record.headNumber), or empty for the newest.")
                }
                input = number
            }
            let job = try await call.catalog.submitJob(userId: call.user.id, app: record.app, appVersion: version, caseId: caseId,
                                                       inputNumber: input,
                                                       priority: try await SolvePolicy.priority(nil, for: call.user, call.catalog),
                                                       timeoutSeconds: 3600, scheduledAt: nil,
                                                       sessionId: nil, by: call.actor, now: Date())
            call.services.sessions.jobs.wake()
            return .redirect("/jobs/\(job.id)", message: "Solve queued.")
        }
    }

    /// The job named in the path when the caller may see it (``JobVisibility``).
    static func owned(_ call: PortalCall) async throws -> JobRecord {
        try await JobVisibility.visible(try call.parameter("job"), call.user, call.catalog)
    }

    static func jobLog(_ job: JobRecord, _ call: PortalCall) async throws -> String {
        if let live = await call.services.sessions.jobs.liveLog(job.id) { return live }
        guard let digest = job.logDigest.flatMap({ BlobDigest(hex: $0) }) else { return "" }
        let blobs = call.services.blobs
        return (try? await call.services.executor.run(.transfers) { String(decoding: try blobs.read(digest, limit: 8 << 20), as: UTF8.self) }) ?? ""
    }
}
