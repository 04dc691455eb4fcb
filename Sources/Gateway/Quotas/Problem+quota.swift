import Catalog

extension Problem {
    /// A quota that would be passed: 413 for a size (one upload, storage, a frame), 429 for a
    /// count (sessions, jobs, WebSockets; with `Retry-After`, as something may end meanwhile).
    /// (A job priority above the user's highest is ``SolvePolicy``'s 403, not passed through here.)
    /// The detail names the limit, its value and the use now.
    static func quotaExceeded(_ exceeded: QuotaExceeded) -> Problem {
        guard !exceeded.kind.isSize else {
            return Problem(status: .contentTooLarge, detail: exceeded.description, type: "urn:atrium:quota:\(exceeded.kind.rawValue)")
        }
        var problem = Problem(status: .tooManyRequests, detail: exceeded.description, type: "urn:atrium:quota:\(exceeded.kind.rawValue)")
        problem.headers["Retry-After"] = "30"
        return problem
    }
}
