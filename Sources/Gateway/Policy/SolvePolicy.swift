import Catalog

/// Who may solve a case, for `POST /api/v1/jobs` and the portal's Solve form alike: the case
/// visible to the caller (404), writable by them (a solve saves a version: 403 for a read
/// share; ``CaseAccess/maySave``, the rule the job's result is checked against again when it is
/// saved), and the launch right on its app (``LaunchPolicy``); and the priority their role may
/// use.
enum SolvePolicy {
    /// The default priority of a job that names none (at most the caller's highest).
    static let defaultPriority = 5

    static func solvableCase(_ id: String, userId: String, _ catalog: Catalog) async throws -> CaseRecord {
        let (record, access) = try await CaseVisibility.visible(id, userId: userId, catalog)
        guard access.maySave else { throw Problem.forbidden("The case is shared with you for reading only; a solve saves a version.") }
        try await LaunchPolicy.requireLaunchRight(catalog, userId: userId, app: record.app)
        return record
    }

    /// For `POST /api/v1/jobs`: what the caller's token reaches first (``TokenReach``: a
    /// runtime's token only its bound cases, a job's token none to write), then the checks above.
    static func solvableCase(_ id: String, _ identity: Identity, _ catalog: Catalog) async throws -> CaseRecord {
        try await TokenReach.requireCase(id, .write, identity, catalog)
        return try await solvableCase(id, userId: identity.user.id, catalog)
    }

    /// The highest priority `user` may give a job and where that comes from: 9 for admins (nil);
    /// for everyone else their `jobPriority` quota (their own, else their groups' highest, else
    /// the server's `maxUserJobPriority`), at most 9.
    static func highestPriority(_ user: User, _ catalog: Catalog) async throws -> (highest: Int, source: QuotaSource?) {
        guard user.role != .admin else { return (9, nil) }
        let quota = try await catalog.effectiveQuota(userId: user.id, kind: .jobPriority)
        return (Int(min(9, quota.value ?? 9)), quota.source)
    }

    /// The priority a job of `user` gets: the one asked for (0…9, else 400), or
    /// ``defaultPriority`` — at most their highest — when none was. Above their highest: 403
    /// naming the limit and where it comes from.
    static func priority(_ asked: Int?, for user: User, _ catalog: Catalog) async throws -> Int {
        let (highest, source) = try await highestPriority(user, catalog)
        guard let asked else { return min(defaultPriority, highest) }
        guard (0...9).contains(asked) else { throw Problem.badRequest("'priority' must be 0…9.") }
        guard asked <= highest else {
            let whence = switch source {
            case .user: "set for you"
            case .group: "one of your groups'"
            case .serverDefault, nil: "the server's maxUserJobPriority"
            }
            throw Problem.forbidden("Priority \(asked) is above your limit: your jobs may have priority 0…\(highest) "
                                    + "(quota 'jobPriority', \(whence); admins may always use 9).")
        }
        return asked
    }
}
