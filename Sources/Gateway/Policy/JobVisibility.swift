import Catalog

/// Who sees (and may cancel, and read the log of) a job: whoever submitted it and admins; 404 for
/// anyone else. The API's job routes and the portal's job pages both ask here.
enum JobVisibility {
    static func visible(_ id: String, _ user: User, _ catalog: Catalog) async throws -> JobRecord {
        guard id.utf8.count <= 64, let job = try await catalog.job(id: id), job.userId == user.id || user.role == .admin else {
            throw notFound(id)
        }
        return job
    }

    /// For an API route: what the caller's token reaches first (``TokenReach``: a runtime's token
    /// only the jobs it submitted), then ``visible(_:_:_:)``.
    static func visible(_ id: String, _ identity: Identity, _ catalog: Catalog) async throws -> JobRecord {
        try await TokenReach.requireJob(id, identity, catalog)
        return try await visible(id, identity.user, catalog)
    }

    /// The one answer for a job that does not exist and one the caller may not see.
    static func notFound(_ id: String) -> Problem {
        Problem.notFound("No job '\(id.prefix(64))'.")
    }
}
