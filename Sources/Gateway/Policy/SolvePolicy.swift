import Catalog

/// Who may solve a case, for `POST /api/v1/jobs` and the portal's Solve form alike: the case
/// visible to the caller (404), writable by them (a solve saves a version: 403 for a read
/// share), and the launch right on its app (``LaunchPolicy``).
enum SolvePolicy {
    static func solvableCase(_ id: String, userId: String, _ catalog: Catalog) async throws -> CaseRecord {
        let (record, access) = try await CaseVisibility.visible(id, userId: userId, catalog)
        guard access >= .write else { throw Problem.forbidden("The case is shared with you for reading only; a solve saves a version.") }
        try await LaunchPolicy.requireLaunchRight(catalog, userId: userId, app: record.app)
        return record
    }

    /// For `POST /api/v1/jobs`: what the caller's token reaches first (``TokenReach``: a
    /// runtime's token only its bound cases, a job's token none to write), then the checks above.
    static func solvableCase(_ id: String, _ identity: Identity, _ catalog: Catalog) async throws -> CaseRecord {
        try await TokenReach.requireCase(id, .write, identity, catalog)
        return try await solvableCase(id, userId: identity.user.id, catalog)
    }
}
