import Catalog

/// What a runtime's token reaches (docs/runtime.md, "The session-scoped token"), for the API's
/// case and job routes: a data session's token (scope `session`) only the cases bound to it — the
/// one its session opened and those it created — and the jobs it submitted; a job's token (scope
/// `job`) only its input version, for reading. Every other case or job does not exist for such a
/// token (404, the same answer as for one that does not exist), and what it does reach it uses
/// only as far as its user may (``CaseVisibility``, ``JobVisibility``). The bindings are kept in
/// the catalog (``Catalog/caseReach(tokenId:caseId:)``). Callers with other credentials are not
/// limited here.
enum TokenReach {
    /// What a route does with a case.
    enum CaseUse {
        /// Its record (`GET /cases/{case}`).
        case read
        /// Its list of versions.
        case history
        /// The data of one version.
        case content(version: Int64)
        /// A new version, or a solve of it.
        case write
    }

    /// The id of the caller's token when it is a runtime's (its reach is bound), else nil.
    static func boundToken(_ identity: Identity) -> String? {
        guard case .token(let id, let scopes) = identity.method, !scopes.isDisjoint(with: TokenScope.bound) else { return nil }
        return id
    }

    /// Throws unless the caller may `use` case `id` as far as its token goes: 404 for a case not
    /// bound to a runtime's token, 403 for a job's token that asks for more than its input version.
    static func requireCase(_ id: String, _ use: CaseUse, _ identity: Identity, _ catalog: Catalog) async throws {
        guard let token = boundToken(identity) else { return }
        guard id.utf8.count <= 64, let reach = try await catalog.caseReach(tokenId: token, caseId: id) else {
            throw CaseVisibility.notFound(id)
        }
        guard case .version(let number) = reach else { return }
        switch use {
        case .read: return
        case .content(let version) where version == number: return
        case .content, .history, .write:
            throw Problem.forbidden("A job's token reads the job's input (version \(number) of the case) and nothing else.")
        }
    }

    /// The cases of `visible` (those the caller's user sees) that the caller reaches.
    static func cases(_ visible: [CaseRecord], _ identity: Identity, _ catalog: Catalog) async throws -> [CaseRecord] {
        guard let token = boundToken(identity) else { return visible }
        let reached = try await catalog.casesReached(tokenId: token)
        return visible.filter { reached[$0.id] != nil }
    }

    /// Throws 404 unless the caller's token, when a runtime's, submitted job `id`.
    static func requireJob(_ id: String, _ identity: Identity, _ catalog: Catalog) async throws {
        guard let token = boundToken(identity) else { return }
        guard id.utf8.count <= 64, try await catalog.jobReached(tokenId: token, jobId: id) else { throw JobVisibility.notFound(id) }
    }

    /// The jobs a runtime's token submitted, newest first; nil for other callers (their list is
    /// their user's).
    static func jobs(_ identity: Identity, state: JobState?, limit: Int, _ catalog: Catalog) async throws -> [JobRecord]? {
        guard let token = boundToken(identity) else { return nil }
        return try await catalog.listJobs(boundTo: token, state: state, limit: limit)
    }

    /// The token a case or job the caller creates is bound to (a data session's), or nil for
    /// callers whose reach is not bound; a job's token creates nothing (403).
    static func creatorBinding(_ identity: Identity) throws -> String? {
        guard let token = boundToken(identity) else { return nil }
        guard case .token(_, let scopes) = identity.method, scopes.contains(.session) else {
            throw Problem.forbidden("A job's token reads the job's input and nothing else.")
        }
        return token
    }

    /// 400 when a data session's token names another data session as a job's submitter (the
    /// session a job keeps alive and reports to is its own).
    static func requireOwnSession(_ session: String?, _ identity: Identity) throws {
        guard let session, boundToken(identity) != nil else { return }
        guard identity.binding == .dataSession(session) else {
            throw Problem.badRequest("A session's token submits jobs for its own session only.")
        }
    }
}
