import Foundation
import SQLKit

/// Per-app rights: grants to users and groups, and the effective rights of a user.
extension Catalog {
    /// Grants (or, with `.deny`, withholds) `right` on `app` to `subject`. Granting the same
    /// right again replaces the earlier effect.
    public func grant(app: String, subject: Subject, right: Right, effect: Effect = .allow,
                      by actor: AuditActor = .system, now: Date = Date()) async throws {
        try await transaction { db in
            let appId = try await requireApp(db, app).id
            try await requireSubject(db, subject)
            try await db.raw("""
                DELETE FROM app_rights WHERE app_id = \(bind: appId) AND subject_kind = \(bind: subject.kind)
                AND subject_id = \(bind: subject.id) AND right_name = \(bind: right.rawValue)
                """).run()
            try await db.raw("""
                INSERT INTO app_rights (app_id, subject_kind, subject_id, right_name, effect)
                VALUES (\(bind: appId), \(bind: subject.kind), \(bind: subject.id), \(bind: right.rawValue), \(bind: effect.rawValue))
                """).run()
            try await audit(db, actor, "right.grant", "app:\(app)",
                            ["subject": "\(subject.kind):\(subject.id)", "right": right.rawValue, "effect": effect.rawValue], at: now)
        }
    }

    /// Removes the grant (allow or deny) of `right` on `app` to `subject`, if any.
    public func revoke(app: String, subject: Subject, right: Right, by actor: AuditActor = .system, now: Date = Date()) async throws {
        try await transaction { db in
            let appId = try await requireApp(db, app).id
            let removed = try await db.raw("""
                DELETE FROM app_rights WHERE app_id = \(bind: appId) AND subject_kind = \(bind: subject.kind)
                AND subject_id = \(bind: subject.id) AND right_name = \(bind: right.rawValue) RETURNING right_name
                """).all()
            guard !removed.isEmpty else { return }
            try await audit(db, actor, "right.revoke", "app:\(app)",
                            ["subject": "\(subject.kind):\(subject.id)", "right": right.rawValue], at: now)
        }
    }

    /// Every grant on `app`.
    public func grants(app: String) async throws -> [RightGrant] {
        try await read { db in
            let appId = try await requireApp(db, app).id
            return try await db.raw("""
                SELECT subject_kind, subject_id, right_name, effect FROM app_rights WHERE app_id = \(bind: appId)
                ORDER BY subject_kind, subject_id, right_name
                """).all().map { row in
                guard let subject = Subject(kind: try row.string("subject_kind"), id: try row.string("subject_id")),
                      let right = Right(rawValue: try row.string("right_name")),
                      let effect = Effect(rawValue: try row.string("effect")) else {
                    throw CatalogError.database("malformed app_rights row")
                }
                return RightGrant(app: app, subject: subject, right: right, effect: effect)
            }
        }
    }

    /// What `userId` may do with `app`: the rights allowed to the user or any of their groups,
    /// minus every right denied to any of them (deny wins). Admins have every right; a disabled
    /// or unknown user has none.
    public func effectiveRights(userId: String, app: String) async throws -> Set<Right> {
        try await read { db in
            guard let row = try await db.raw("SELECT \(unsafeRaw: Self.userColumns) FROM users WHERE id = \(bind: userId)").first()
            else { return [] }
            let user = try Self.user(row)
            if user.disabled { return [] }
            let appId = try await requireApp(db, app).id
            if user.role == .admin { return Set(Right.allCases) }
            return try await rightsByApp(db, userId: userId, appId: appId)[appId] ?? []
        }
    }

    /// Effective rights of a (non-admin) user per app id, for one app or all of them.
    func rightsByApp(_ db: any SQLDatabase, userId: String, appId: String? = nil) async throws -> [String: Set<Right>] {
        let appFilter: SQLQueryString = appId.map { (id: String) -> SQLQueryString in "AND r.app_id = \(bind: id)" } ?? ""
        let rows = try await db.raw("""
            SELECT r.app_id, r.right_name, r.effect FROM app_rights r
            WHERE ((r.subject_kind = 'user' AND r.subject_id = \(bind: userId))
               OR (r.subject_kind = 'group' AND r.subject_id IN (SELECT group_id FROM group_members WHERE user_id = \(bind: userId))))
            \(appFilter)
            """).all()
        var allowed: [String: Set<Right>] = [:]
        var denied: [String: Set<Right>] = [:]
        for row in rows {
            guard let right = Right(rawValue: try row.string("right_name")) else { continue }
            let app = try row.string("app_id")
            if try row.string("effect") == Effect.deny.rawValue {
                denied[app, default: []].insert(right)
            } else {
                allowed[app, default: []].insert(right)
            }
        }
        return allowed.mapValues { $0 }.reduce(into: [:]) { result, entry in
            let rights = entry.value.subtracting(denied[entry.key] ?? [])
            if !rights.isEmpty { result[entry.key] = rights }
        }
    }

    func requireSubject(_ db: any SQLDatabase, _ subject: Subject) async throws {
        switch subject {
        case .user(let id): _ = try await requireUser(db, id)
        case .group(let id): _ = try await requireGroup(db, id)
        }
    }
}
