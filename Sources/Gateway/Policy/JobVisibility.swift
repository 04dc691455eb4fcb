import Catalog

/// Who sees (and may cancel, and read the log of) a job: whoever submitted it and admins; 404 for
/// anyone else. The API's job routes and the portal's job pages both ask here.
enum JobVisibility {
    static func visible(_ id: String, _ user: User, _ catalog: Catalog) async throws -> JobRecord {
        guard id.utf8.count <= 64, let job = try await catalog.job(id: id), job.userId == user.id || user.role == .admin else {
            throw Problem.notFound("No job '\(id.prefix(64))'.")
        }
        return job
    }
}
