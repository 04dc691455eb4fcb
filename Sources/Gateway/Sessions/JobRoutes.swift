import Catalog
import Foundation
import Hummingbird
import Sessions
import Store

/// Optimization sessions: submit a case version to the queue, list, look at, cancel, read the
/// log, follow progress live. Jobs are their submitter's; admins see and cancel everyone's. A
/// session's token may submit and follow jobs (the runtime's Solve button).
enum JobRoutes {
    static func add(to api: APIRouter) {
        let catalog = api.services.catalog
        let runner = api.services.sessions.jobs
        let node = api.services.configuration.nodeName
        let services = api.services
        api.schema("Job", APIJob.schema)
        api.schema("JobPage", Page<APIJob>.schema(.ref("Job")))

        api.add(APIRoute(.post, "/jobs", id: "submitJob", tag: "jobs", access: .user,
                         summary: "Queue a solve of a case version you may write; the result becomes the case's next version (a new case of yours if you may no longer write it then).",
                         body: .json(JobSubmit.schema), responses: [201: .json(.ref("Job"))]), fromSessions: true) { request, context in
            let body = try await request.decodeJSON(JobSubmit.self, context: context)
            let identity = try context.requireIdentity()
            let me = identity.user
            let record = try await SolvePolicy.solvableCase(body.case, identity, catalog)
            // A data session's token reaches the jobs it submits, for its own session only.
            let binding = try TokenReach.creatorBinding(identity)
            try TokenReach.requireOwnSession(body.session, identity)
            try SandboxPolicy.requireRunnable(services.sessions.sandbox, "solve")
            let version = body.version ?? record.headNumber
            guard (1...record.headNumber).contains(version) else {
                throw Problem.badRequest("The case has versions 1…\(record.headNumber).")
            }
            let priority = try await SolvePolicy.priority(body.priority, for: me, catalog)
            let timeout = body.timeoutSeconds ?? 3600
            guard (1...86400).contains(timeout) else { throw Problem.badRequest("'timeoutSeconds' must be 1…86400.") }
            var appVersion: String?
            if let sessionId = body.session {
                guard sessionId.utf8.count <= 64, let session = try await catalog.dataSession(id: sessionId), session.userId == me.id,
                      session.app == record.app else {
                    throw Problem.badRequest("'session' is not one of your sessions of \(record.app).")
                }
                appVersion = session.appVersion
            }
            if appVersion == nil { appVersion = try await catalog.app(named: record.app)?.latestVersion }
            guard let chosen = appVersion else {
                throw Problem.conflict("The app \(record.app) has no latest version to solve with.")
            }
            let job = try await catalog.submitJob(userId: me.id, app: record.app, appVersion: chosen, caseId: record.id,
                                                  inputNumber: version, priority: priority, timeoutSeconds: timeout,
                                                  scheduledAt: body.scheduledAt, sessionId: body.session, by: .user(me.id),
                                                  boundTo: binding, now: Date())
            runner.wake()
            return try Response.json(APIJob(job), status: .created)
        }

        api.add(APIRoute(.get, "/jobs", id: "listJobs", tag: "jobs", access: .user,
                         summary: "Your jobs, newest first (admins: everyone's with all=true).",
                         parameters: [APIParameter("all", in: .query, .boolean, "Admins: everyone's jobs."),
                                      APIParameter("state", in: .query, .oneOf(JobState.allCases.map(\.rawValue)), "Only jobs in this state.")] + APIParameter.newestPaging,
                         responses: [200: .json(.ref("JobPage"))]), fromSessions: true) { request, context in
            let (limit, offset) = try request.paging()
            let identity = try context.requireIdentity()
            let me = identity.user
            let everyone = request.flag("all") && me.role == .admin
            let state = request.query("state").flatMap(JobState.init(rawValue:))
            let records: [JobRecord]
            if let reached = try await TokenReach.jobs(identity, state: state, limit: offset + limit + 1, catalog) {
                records = reached
            } else {
                records = try await catalog.listJobs(userId: everyone ? nil : me.id, state: state, limit: offset + limit + 1)
            }
            return try Response.json(Page(fetched: records.dropFirst(offset).map(APIJob.init), limit: limit, offset: offset))
        }

        api.add(APIRoute(.get, "/jobs/{job}", id: "getJob", tag: "jobs", access: .user,
                         summary: "One of your jobs (admins: anyone's), with its last progress line.",
                         responses: [200: .json(.ref("Job"))]), fromSessions: true) { _, context in
            try Response.json(APIJob(try await visibleJob(context, catalog)))
        }

        api.add(APIRoute(.post, "/jobs/{job}/cancel", id: "cancelJob", tag: "jobs", access: .user,
                         summary: "Cancel a queued or running job; a running one is stopped and saves nothing.",
                         responses: [200: .json(.ref("Job"))]), fromSessions: true) { _, context in
            let me = try context.requireIdentity().user
            let job = try await visibleJob(context, catalog)
            guard job.state == .queued || job.state == .running else {
                throw Problem.conflict("The job has already \(job.state.rawValue == "succeeded" ? "succeeded" : "ended (\(job.state.rawValue))").")
            }
            let updated = try await catalog.requestJobCancel(id: job.id, by: .user(me.id), now: Date())
            if updated.state == .running, updated.node == node { await runner.cancelLocal(job.id) }
            runner.wake()
            return try Response.json(APIJob(try await catalog.job(id: job.id) ?? updated))
        }

        api.add(APIRoute(.get, "/jobs/{job}/log", id: "getJobLog", tag: "jobs", access: .user,
                         summary: "The solve's output, live while it runs on this node; kept after it ends (also when it failed).",
                         responses: [200: .text]), fromSessions: true) { _, context in
            let job = try await visibleJob(context, catalog)
            if let live = await runner.liveLog(job.id) { return Response.text(live) }
            guard let digest = job.logDigest.flatMap({ BlobDigest(hex: $0) }) else {
                throw Problem.notFound(job.state == .queued ? "The job has not started yet." : "The job's log is on node \(job.node ?? "?").")
            }
            let blobs = services.blobs
            let text = try await services.executor.run(.transfers) { String(decoding: try blobs.read(digest, limit: 64 << 20), as: UTF8.self) }
            return Response.text(text)
        }

        addEvents(to: api)
    }

    /// The job named in the path when the caller may see it (``JobVisibility``).
    static func visibleJob(_ context: AtriumRequestContext, _ catalog: Catalog) async throws -> JobRecord {
        try await JobVisibility.visible(try context.parameters.require("job"), try context.requireIdentity(), catalog)
    }
}

/// `POST /jobs`: solve a case version.
struct JobSubmit: Decodable {
    let `case`: String
    /// The input version (default: the newest).
    let version: Int64?
    /// 0 (lowest) to 9, at most the server's `maxUserJobPriority` for non-admins (403 above it);
    /// default 5, or that limit when it is lower.
    let priority: Int?
    /// Default 3600, at most 86400.
    let timeoutSeconds: Int?
    /// Run no earlier than this.
    let scheduledAt: Date?
    /// The data session submitting it (its progress shows there, and a running solve keeps it alive).
    let session: String?

    static let schema: JSONValue = .requestSchema([
        "case": ["type": "string", "minLength": 1, "maxLength": 64],
        "version": ["type": "integer", "minimum": 1],
        "priority": ["type": "integer", "minimum": 0, "maximum": 9],
        "timeoutSeconds": ["type": "integer", "minimum": 1, "maximum": 86400],
        "scheduledAt": .dateSchema,
        "session": ["type": "string", "minLength": 1, "maxLength": 64],
    ], optional: ["version", "priority", "timeoutSeconds", "scheduledAt", "session"])
}
