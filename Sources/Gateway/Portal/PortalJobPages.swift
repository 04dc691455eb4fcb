import Catalog
import Foundation
import Hummingbird
import Sessions

/// Optimization sessions in the portal: submit a solve of a case (`POST /cases/:case/solve`),
/// the job list (`/jobs`) and a job's page with live progress (`portal.js` follows
/// `/api/v1/jobs/{job}/events`), cancel, log and the result version.
enum PortalJobPages {
    static func add(_ portal: Portal) {
        portal.page("/jobs") { call in
            let rows = try await call.catalog.listJobs(userId: call.user.id, state: nil, limit: 100).map { job -> [String: Any] in
                ["id": job.id, "app": job.app, "caseId": job.caseId, "input": job.inputNumber, "state": job.state.rawValue,
                 "progress": job.progress ?? "", "submittedAt": PortalFormat.date(job.submittedAt), "result": job.resultNumber ?? 0,
                 "hasResult": job.resultNumber != nil]
            }
            return PortalView("jobs", title: "Jobs", ["jobs": rows, "hasJobs": !rows.isEmpty])
        }

        let jobPage: Portal.Page = { call in
            let job = try await owned(call)
            let log = try await jobLog(job, call)
            let active = job.state == .queued || job.state == .running
            return PortalView("job", title: "Job \(job.id)", [
                "job": ["id": job.id, "app": job.app, "appVersion": job.appVersion, "caseId": job.caseId, "input": job.inputNumber,
                        "state": job.state.rawValue, "progress": job.progress ?? "", "attempts": job.attempts,
                        "priority": job.priority, "reason": job.reason ?? "", "node": job.node ?? "", "placed": job.assignedNode ?? "",
                        "submittedAt": PortalFormat.date(job.submittedAt), "result": job.resultNumber ?? 0,
                        "hasResult": job.resultNumber != nil, "active": active],
                "log": log,
            ])
        }
        portal.page("/jobs/:job", jobPage)

        portal.form("/jobs/:job/cancel", page: jobPage) { call, _ in
            let job = try await owned(call)
            guard job.state == .queued || job.state == .running else { throw Problem.conflict("The job has already ended.") }
            let updated = try await call.catalog.requestJobCancel(id: job.id, by: call.actor, now: Date())
            if updated.state == .running, updated.node == call.services.configuration.nodeName {
                await call.services.sessions.jobs.cancelLocal(job.id)
            }
            return .redirect("/jobs/\(job.id)", message: "Cancel requested.")
        }

        portal.form("/cases/:case/solve", page: { call in
            throw Problem.notFound("Solve a case from its page.")
        }) { call, form in
            let caseId = try call.parameter("case")
            let (record, access) = try await PortalCasePages.visible(call)
            guard access >= .write else { throw Problem.forbidden("A solve saves a new version; the case is shared with you for reading.") }
            try await SessionRoutes.requireLaunchRight(call.catalog, userId: call.user.id, app: record.app)
            guard let version = try await call.catalog.app(named: record.app)?.latestVersion else {
                throw Problem.conflict("The app has no latest version.")
            }
            let input = Int64(form["version"] ?? "") ?? record.headNumber
            guard (1...record.headNumber).contains(input) else { throw Problem.badRequest("No such version.") }
            let job = try await call.catalog.submitJob(userId: call.user.id, app: record.app, appVersion: version, caseId: caseId,
                                                       inputNumber: input, priority: 5, timeoutSeconds: 3600, scheduledAt: nil,
                                                       sessionId: nil, by: call.actor, now: Date())
            call.services.sessions.jobs.wake()
            return .redirect("/jobs/\(job.id)", message: "Solve queued.")
        }
    }

    static func owned(_ call: PortalCall) async throws -> JobRecord {
        let id = try call.parameter("job")
        guard let job = try await call.catalog.job(id: id), job.userId == call.user.id || call.user.role == .admin else {
            throw Problem.notFound("There is no such job.")
        }
        return job
    }

    static func jobLog(_ job: JobRecord, _ call: PortalCall) async throws -> String {
        if let live = await call.services.sessions.jobs.liveLog(job.id) { return live }
        guard let digest = job.logDigest.flatMap(BlobDigestText.parse) else { return "" }
        let blobs = call.services.blobs
        return (try? await call.services.transfers.run { String(decoding: try blobs.read(digest, limit: 8 << 20), as: UTF8.self) }) ?? ""
    }
}
