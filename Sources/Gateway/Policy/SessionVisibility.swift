import Catalog

/// Who sees (and may stop, and read the log of) a data session: its owner and admins; 404 for
/// anyone else. The API's session routes and the portal's session pages both ask here.
enum SessionVisibility {
    static func visible(_ id: String, _ user: User, _ catalog: Catalog) async throws -> DataSessionRecord {
        guard id.utf8.count <= 64, let record = try await catalog.dataSession(id: id), record.userId == user.id || user.role == .admin else {
            throw Problem.notFound("No session '\(id.prefix(64))'.")
        }
        return record
    }
}
