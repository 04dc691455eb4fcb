import Foundation
import SQLKit

/// The tokens of data sessions and jobs (``TokenBinding``) and what each reaches: the cases bound
/// to it in `token_cases` and the jobs in `token_jobs`. A binding is made in the same transaction
/// as the token, the case (``createCase(app:ownerId:name:head:number:size:by:boundTo:now:)``) or
/// the job (``submitJob(userId:app:appVersion:caseId:inputNumber:priority:timeoutSeconds:scheduledAt:sessionId:by:boundTo:now:)``)
/// it binds, so nothing exists unbound in between. What a route may do with them is decided in
/// the gateway's policy layer; this file only records and answers.
extension Catalog {
    /// The scope of a data session's token.
    public static let sessionScope = "session"
    /// The scope of a job's token.
    public static let jobScope = "job"

    /// Creates the token of data session `session` of `userId`, bound to the case it opens
    /// (`caseId`, when the launch names one).
    public func createSessionToken(userId: String, session: String, caseId: String?, expiresAt: Date?,
                                   now: Date = Date()) async throws -> CreatedAPIToken {
        try await transaction { db in
            let created = try await insertToken(db, userId: userId, name: "data session \(session)", scopes: [Self.sessionScope],
                                                expiresAt: expiresAt, binding: .dataSession(session), by: .system, now: now)
            if let caseId { try await bindCase(db, tokenId: created.token.id, caseId: caseId, reach: .whole) }
            return created
        }
    }

    /// Creates the token of an attempt of `job`: it reads the job's input version and nothing else.
    public func createJobToken(job: JobRecord, expiresAt: Date?, now: Date = Date()) async throws -> CreatedAPIToken {
        try await transaction { db in
            let created = try await insertToken(db, userId: job.userId, name: "optimization session \(job.id)", scopes: [Self.jobScope],
                                                expiresAt: expiresAt, binding: .job(job.id), by: .system, now: now)
            try await bindCase(db, tokenId: created.token.id, caseId: job.caseId, reach: .version(job.inputNumber))
            return created
        }
    }

    /// How far token `tokenId` reaches case `caseId`; nil when the case is not bound to it.
    public func caseReach(tokenId: String, caseId: String) async throws -> TokenCaseReach? {
        try await read { db in
            try await db.raw("SELECT version FROM token_cases WHERE token_id = \(bind: tokenId) AND case_id = \(bind: caseId)")
                .first().map(Self.reach)
        }
    }

    /// Every case bound to token `tokenId`, with how far the token reaches it.
    public func casesReached(tokenId: String) async throws -> [String: TokenCaseReach] {
        try await read { db in
            var reached: [String: TokenCaseReach] = [:]
            for row in try await db.raw("SELECT case_id, version FROM token_cases WHERE token_id = \(bind: tokenId)").all() {
                reached[try row.string("case_id")] = try Self.reach(row)
            }
            return reached
        }
    }

    /// True when token `tokenId` submitted job `jobId`.
    public func jobReached(tokenId: String, jobId: String) async throws -> Bool {
        try await read { db in
            try await db.raw("SELECT job_id FROM token_jobs WHERE token_id = \(bind: tokenId) AND job_id = \(bind: jobId)").first() != nil
        }
    }

    /// The jobs token `tokenId` submitted, newest first, optionally in one state.
    public func listJobs(boundTo tokenId: String, state: JobState?, limit: Int) async throws -> [JobRecord] {
        try FilteredList.check(limit: limit)
        var list = FilteredList(Self.jobColumns, from: "jobs")
        list.filter("id IN (SELECT job_id FROM token_jobs WHERE token_id = \(bind: tokenId))")
        list.filter("state", equals: state?.rawValue)
        let query = list.query(orderBy: "submitted_at DESC, id DESC", limit: limit)
        return try await read { db in try await db.raw(query).all().map(Self.job) }
    }

    // MARK: inside a transaction

    func bindCase(_ db: any SQLDatabase, tokenId: String, caseId: String, reach: TokenCaseReach) async throws {
        _ = try await requireCase(db, caseId)
        var version: Int64?
        if case .version(let number) = reach { version = number }
        try await db.raw("""
            INSERT INTO token_cases (token_id, case_id, version) VALUES (\(bind: tokenId), \(bind: caseId), \(bind: version))
            """).run()
    }

    func bindJob(_ db: any SQLDatabase, tokenId: String, jobId: String) async throws {
        try await db.raw("INSERT INTO token_jobs (token_id, job_id) VALUES (\(bind: tokenId), \(bind: jobId))").run()
    }

    /// Whether the session or job a bound token serves still runs: a data session until it has
    /// ended, a job while it is running.
    func isServing(_ db: any SQLDatabase, _ binding: TokenBinding) async throws -> Bool {
        switch binding {
        case .dataSession(let id):
            let row = try await db.raw("SELECT state FROM data_sessions WHERE id = \(bind: id)").first()
            return try row.map { try $0.string("state") != DataSessionState.ended.rawValue } ?? false
        case .job(let id):
            let row = try await db.raw("SELECT state FROM jobs WHERE id = \(bind: id)").first()
            return try row?.string("state") == JobState.running.rawValue
        }
    }

    // MARK: rows

    static func binding(_ row: any SQLRow) throws -> TokenBinding? {
        if let session = try row.optionalString("bound_session") { return .dataSession(session) }
        if let job = try row.optionalString("bound_job") { return .job(job) }
        return nil
    }

    static func reach(_ row: any SQLRow) throws -> TokenCaseReach {
        try row.optionalInt("version").map(TokenCaseReach.version) ?? .whole
    }
}
