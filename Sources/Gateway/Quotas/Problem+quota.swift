import Catalog

extension Problem {
    /// A quota that would be passed: 413 for a size (one upload, storage, a frame), 429 for a
    /// count (sessions, jobs, WebSockets; with `Retry-After`, as something may end meanwhile),
    /// 403 for a job priority above the user's highest (waiting does not change it).
    /// The detail names the limit, its value and the use now.
    static func quotaExceeded(_ exceeded: QuotaExceeded) -> Problem {
        if exceeded.kind == .jobPriority {
            return Problem(status: .forbidden, detail: exceeded.description, type: "urn:atrium:quota:\(exceeded.kind.rawValue)")
        }
        guard !exceeded.kind.isSize else {
            return Problem(status: .contentTooLarge, detail: exceeded.description, type: "urn:atrium:quota:\(exceeded.kind.rawValue)")
        }
        var problem = Problem(status: .tooManyRequests, detail: exceeded.description, type: "urn:atrium:quota:\(exceeded.kind.rawValue)")
        problem.headers["Retry-After"] = "30"
        return problem
    }
}
