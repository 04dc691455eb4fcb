import Foundation
import SQLKit
import Store

/// Cases: ownership, history with optimistic concurrency, sharing. (Admins get no special view
/// of other people's cases: a case is private data.)
extension Catalog {
    /// Creates a case with its first version (number `number`, manifest `head`); a data
    /// session's token that creates it (`boundTo`) reaches it from then on.
    @discardableResult
    public func createCase(app: String, ownerId: String, name: String, head: BlobDigest, number: Int64 = 1, size: Int64 = 0,
                           by actor: AuditActor? = nil, boundTo tokenId: String? = nil, now: Date = Date()) async throws -> CaseRecord {
        try await transaction { db in
            try await requireQuota(db, userId: ownerId, kind: .storageBytes, adding: size, now: now)
            return try await createCase(db, app: app, ownerId: ownerId, name: name, head: head, number: number, size: size,
                                        by: actor ?? .user(ownerId), boundTo: tokenId, now: now)
        }
    }

    /// ``createCase(app:ownerId:name:head:number:size:by:boundTo:now:)`` inside a transaction.
    func createCase(_ db: any SQLDatabase, app: String, ownerId: String, name: String, head: BlobDigest, number: Int64, size: Int64,
                    by actor: AuditActor, boundTo tokenId: String?, now: Date) async throws -> CaseRecord {
        try CatalogName.requireLabel(name, "case name")
        let id = CatalogID.make(now: now)
        let appRecord = try await requireApp(db, app)
        _ = try await requireUser(db, ownerId)
        if try await db.raw("""
            SELECT id FROM cases WHERE app_id = \(bind: appRecord.id) AND owner_id = \(bind: ownerId) AND name = \(bind: name)
            """).first() != nil {
            throw CatalogError.conflict("a case with this name already exists for app '\(app)'")
        }
        let ms = CatalogTime.ms(now)
        try await db.raw("""
            INSERT INTO cases (id, app_id, owner_id, name, head_digest, head_number, created_at, updated_at)
            VALUES (\(bind: id), \(bind: appRecord.id), \(bind: ownerId), \(bind: name), \(bind: head.hex), \(bind: number),
                    \(bind: ms), \(bind: ms))
            """).run()
        try await insertCaseVersion(db, id, number, head, size, actor, ms)
        if let tokenId { try await bindCase(db, tokenId: tokenId, caseId: id, reach: .whole) }
        try await audit(db, actor, "case.create", "case:\(id)", ["app": app, "head": head.hex], at: now)
        return CaseRecord(id: id, app: app, ownerId: ownerId, name: name, headDigest: head, headNumber: number,
                          createdAt: CatalogTime.date(ms), updatedAt: CatalogTime.date(ms))
    }

    /// Saves a new version: succeeds only while the case's head is still `expectedHead` (else
    /// `.conflict`: someone saved in between), and `number` must be above the current one.
    @discardableResult
    public func saveCaseVersion(caseId: String, expectedHead: BlobDigest, newHead: BlobDigest, number: Int64, size: Int64,
                                by actor: AuditActor, now: Date = Date()) async throws -> CaseRecord {
        try await transaction { db in
            try await requireStorageQuota(db, caseId: caseId, adding: size)
            return try await saveCaseVersion(db, caseId: caseId, expectedHead: expectedHead, newHead: newHead, number: number,
                                             size: size, by: actor, now: now)
        }
    }

    /// ``saveCaseVersion(caseId:expectedHead:newHead:number:size:by:now:)`` inside a transaction.
    func saveCaseVersion(_ db: any SQLDatabase, caseId: String, expectedHead: BlobDigest, newHead: BlobDigest, number: Int64,
                         size: Int64, by actor: AuditActor, now: Date) async throws -> CaseRecord {
        let current = try await requireCase(db, caseId)
        guard current.headDigest == expectedHead else {
            throw CatalogError.conflict("case was saved by someone else (head is version \(current.headNumber)); reload and retry")
        }
        guard number > current.headNumber else {
            throw CatalogError.invalidArgument("version number \(number) is not above the head's \(current.headNumber)")
        }
        let ms = CatalogTime.ms(now)
        let updated = try await db.raw("""
            UPDATE cases SET head_digest = \(bind: newHead.hex), head_number = \(bind: number), updated_at = \(bind: ms)
            WHERE id = \(bind: caseId) AND head_digest = \(bind: expectedHead.hex) RETURNING id
            """).all()
        guard !updated.isEmpty else { throw CatalogError.conflict("case was saved by someone else; reload and retry") }
        try await insertCaseVersion(db, caseId, number, newHead, size, actor, ms)
        try await audit(db, actor, "case.save", "case:\(caseId)", ["number": String(number), "head": newHead.hex], at: now)
        return CaseRecord(id: caseId, app: current.app, ownerId: current.ownerId, name: current.name, headDigest: newHead,
                          headNumber: number, createdAt: current.createdAt, updatedAt: CatalogTime.date(ms))
    }

    /// The case with this id, or nil.
    public func caseRecord(id: String) async throws -> CaseRecord? {
        try await read { db in
            try await db.raw("\(unsafeRaw: Self.caseSelect) WHERE c.id = \(bind: id)").first().map(Self.caseRecord)
        }
    }

    /// A case's versions, newest first.
    public func caseHistory(caseId: String) async throws -> [CaseVersionRecord] {
        try await read { db in
            _ = try await requireCase(db, caseId)
            return try await db.raw("""
                SELECT number, manifest_digest, size, saved_by, saved_at FROM case_versions
                WHERE case_id = \(bind: caseId) ORDER BY number DESC
                """).all().map { row in
                CaseVersionRecord(number: try row.int("number"), manifestDigest: try Self.digest(row, "manifest_digest"),
                                  size: try row.int("size"), savedBy: try row.string("saved_by"),
                                  savedAt: CatalogTime.date(try row.int("saved_at")))
            }
        }
    }

    /// Shares a case with a user or group (replacing an earlier share with that subject).
    public func shareCase(caseId: String, with subject: Subject, access: CaseAccess, by actor: AuditActor, now: Date = Date()) async throws {
        guard access != .owner else { throw CatalogError.invalidArgument("a case can be shared for read or write only") }
        try await transaction { db in
            let record = try await requireCase(db, caseId)
            try await requireSubject(db, subject)
            if case .user(let id) = subject, id == record.ownerId {
                throw CatalogError.invalidArgument("the owner already has the case")
            }
            try await db.raw("""
                DELETE FROM case_shares WHERE case_id = \(bind: caseId) AND subject_kind = \(bind: subject.kind) AND subject_id = \(bind: subject.id)
                """).run()
            try await db.raw("""
                INSERT INTO case_shares (case_id, subject_kind, subject_id, access)
                VALUES (\(bind: caseId), \(bind: subject.kind), \(bind: subject.id), \(bind: access.rawValue))
                """).run()
            try await audit(db, actor, "case.share", "case:\(caseId)", ["subject": "\(subject.kind):\(subject.id)", "access": access.rawValue], at: now)
        }
    }

    /// Stops sharing a case with a subject; not shared is no change.
    public func unshareCase(caseId: String, with subject: Subject, by actor: AuditActor, now: Date = Date()) async throws {
        try await transaction { db in
            _ = try await requireCase(db, caseId)
            let removed = try await db.raw("""
                DELETE FROM case_shares WHERE case_id = \(bind: caseId) AND subject_kind = \(bind: subject.kind)
                AND subject_id = \(bind: subject.id) RETURNING case_id
                """).all()
            guard !removed.isEmpty else { return }
            try await audit(db, actor, "case.unshare", "case:\(caseId)", ["subject": "\(subject.kind):\(subject.id)"], at: now)
        }
    }

    /// Who a case is shared with.
    public func caseShares(caseId: String) async throws -> [CaseShare] {
        try await read { db in
            try await db.raw("""
                SELECT subject_kind, subject_id, access FROM case_shares WHERE case_id = \(bind: caseId) ORDER BY subject_kind, subject_id
                """).all().compactMap { row in
                guard let subject = Subject(kind: try row.string("subject_kind"), id: try row.string("subject_id")),
                      let access = CaseAccess(rawValue: try row.string("access")) else { return nil }
                return CaseShare(subject: subject, access: access)
            }
        }
    }

    /// What `userId` may do with the case: owner, write or read (directly or through a group), or nil.
    public func caseAccess(caseId: String, userId: String) async throws -> CaseAccess? {
        try await read { db in try await caseAccess(db, caseId: caseId, userId: userId) }
    }

    /// ``caseAccess(caseId:userId:)`` inside a transaction.
    func caseAccess(_ db: any SQLDatabase, caseId: String, userId: String) async throws -> CaseAccess? {
        guard let record = try await db.raw("\(unsafeRaw: Self.caseSelect) WHERE c.id = \(bind: caseId)").first().map(Self.caseRecord)
        else { return nil }
        if record.ownerId == userId { return .owner }
        let rows = try await db.raw("""
            SELECT access FROM case_shares WHERE case_id = \(bind: caseId) AND \(Self.sharedWith(userId))
            """).all()
        return try rows.compactMap { CaseAccess(rawValue: try $0.string("access")) }.max()
    }

    /// The cases `userId` owns or that are shared with them or their groups, optionally of one
    /// app, most recently updated first.
    public func casesVisible(to userId: String, app: String? = nil) async throws -> [CaseRecord] {
        try await read { db in
            let appFilter: SQLQueryString = app.map { (name: String) -> SQLQueryString in "AND a.name = \(bind: name)" } ?? ""
            return try await db.raw("""
                \(unsafeRaw: Self.caseSelect)
                WHERE (c.owner_id = \(bind: userId)
                       OR c.id IN (SELECT case_id FROM case_shares WHERE \(Self.sharedWith(userId))))
                \(appFilter)
                ORDER BY c.updated_at DESC, c.id DESC
                """).all().map(Self.caseRecord)
        }
    }

    /// Deletes a case with its history and shares (its blobs become garbage for the store's gc).
    public func deleteCase(caseId: String, by actor: AuditActor, now: Date = Date()) async throws {
        try await transaction { db in
            let record = try await requireCase(db, caseId)
            try await db.raw("DELETE FROM case_shares WHERE case_id = \(bind: caseId)").run()
            try await db.raw("DELETE FROM case_versions WHERE case_id = \(bind: caseId)").run()
            try await db.raw("DELETE FROM cases WHERE id = \(bind: caseId)").run()
            try await audit(db, actor, "case.delete", "case:\(caseId)", ["app": record.app, "owner": record.ownerId], at: now)
        }
    }

    // MARK: helpers

    static let caseSelect = """
        SELECT c.id, a.name AS app, c.owner_id, c.name, c.head_digest, c.head_number, c.created_at, c.updated_at
        FROM cases c JOIN apps a ON a.id = c.app_id
        """

    /// `case_shares` rows that reach `userId` directly or through a group.
    static func sharedWith(_ userId: String) -> SQLQueryString {
        """
        ((subject_kind = 'user' AND subject_id = \(bind: userId))
         OR (subject_kind = 'group' AND subject_id IN (SELECT group_id FROM group_members WHERE user_id = \(bind: userId))))
        """
    }

    static func caseRecord(_ row: any SQLRow) throws -> CaseRecord {
        CaseRecord(id: try row.string("id"), app: try row.string("app"), ownerId: try row.string("owner_id"), name: try row.string("name"),
                   headDigest: try digest(row, "head_digest"), headNumber: try row.int("head_number"),
                   createdAt: CatalogTime.date(try row.int("created_at")), updatedAt: CatalogTime.date(try row.int("updated_at")))
    }

    func requireCase(_ db: any SQLDatabase, _ id: String) async throws -> CaseRecord {
        guard let row = try await db.raw("\(unsafeRaw: Self.caseSelect) WHERE c.id = \(bind: id)").first() else {
            throw CatalogError.notFound("case", id)
        }
        return try Self.caseRecord(row)
    }

    private func insertCaseVersion(_ db: any SQLDatabase, _ caseId: String, _ number: Int64, _ head: BlobDigest, _ size: Int64,
                                   _ actor: AuditActor, _ ms: Int64) async throws {
        try await db.raw("""
            INSERT INTO case_versions (case_id, number, manifest_digest, size, saved_by, saved_at)
            VALUES (\(bind: caseId), \(bind: number), \(bind: head.hex), \(bind: size), \(bind: actor.description), \(bind: ms))
            """).run()
    }
}
