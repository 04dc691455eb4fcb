import Catalog

/// Who sees a case and who may change its shares or delete it, for the API's case routes and the
/// portal's case pages alike. Someone without access gets 404, so case ids do not leak; a share
/// (read or write) that tries an owner's action gets 403.
enum CaseVisibility {
    /// The case and the caller's access to it; 404 when it does not exist or the caller has none.
    static func visible(_ id: String, userId: String, _ catalog: Catalog) async throws -> (CaseRecord, CaseAccess) {
        guard id.utf8.count <= 64, let access = try await catalog.caseAccess(caseId: id, userId: userId),
              let record = try await catalog.caseRecord(id: id)
        else { throw notFound(id) }
        return (record, access)
    }

    /// For an API route that will `use` the case: what the caller's token reaches first
    /// (``TokenReach``: a runtime's token only its bound cases), then ``visible(_:userId:_:)``.
    static func visible(_ id: String, _ identity: Identity, for use: TokenReach.CaseUse,
                        _ catalog: Catalog) async throws -> (CaseRecord, CaseAccess) {
        try await TokenReach.requireCase(id, use, identity, catalog)
        return try await visible(id, userId: identity.user.id, catalog)
    }

    /// The one answer for a case that does not exist and one the caller may not see.
    static func notFound(_ id: String) -> Problem {
        Problem.notFound("No case '\(id.prefix(64))', or it is not shared with you.")
    }

    /// The case when `userId` owns it; 403 for someone it is shared with, 404 for anyone else.
    static func owned(_ id: String, userId: String, _ catalog: Catalog) async throws -> CaseRecord {
        let (record, access) = try await visible(id, userId: userId, catalog)
        guard access == .owner else { throw Problem.forbidden("Only the case's owner may do this.") }
        return record
    }
}
