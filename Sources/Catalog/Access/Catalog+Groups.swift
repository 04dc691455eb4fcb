import Foundation
import SQLKit

/// Groups and their members.
extension Catalog {
    /// Creates an empty group.
    @discardableResult
    public func createGroup(name: String, by actor: AuditActor = .system, now: Date = Date()) async throws -> Group {
        try CatalogName.requireAccount(name, "group")
        let id = CatalogID.make(now: now)
        return try await transaction { db in
            if try await db.raw("SELECT id FROM user_groups WHERE name = \(bind: name)").first() != nil {
                throw CatalogError.conflict("group '\(name)' already exists")
            }
            try await db.raw("""
                INSERT INTO user_groups (id, name, created_at) VALUES (\(bind: id), \(bind: name), \(bind: CatalogTime.ms(now)))
                """).run()
            try await audit(db, actor, "group.create", "group:\(id)", ["name": name], at: now)
            return Group(id: id, name: name, createdAt: CatalogTime.date(CatalogTime.ms(now)))
        }
    }

    /// Deletes a group with its memberships, the app rights and the case shares granted to it.
    public func deleteGroup(id: String, by actor: AuditActor = .system, now: Date = Date()) async throws {
        try await transaction { db in
            let group = try await requireGroup(db, id)
            try await db.raw("DELETE FROM app_rights WHERE subject_kind = 'group' AND subject_id = \(bind: id)").run()
            try await db.raw("DELETE FROM case_shares WHERE subject_kind = 'group' AND subject_id = \(bind: id)").run()
            try await db.raw("DELETE FROM group_members WHERE group_id = \(bind: id)").run()
            try await db.raw("DELETE FROM user_groups WHERE id = \(bind: id)").run()
            try await audit(db, actor, "group.delete", "group:\(id)", ["name": group.name], at: now)
        }
    }

    /// Adds a user to a group; adding a member again changes nothing.
    public func addMember(groupId: String, userId: String, by actor: AuditActor = .system, now: Date = Date()) async throws {
        try await transaction { db in
            _ = try await requireGroup(db, groupId)
            _ = try await requireUser(db, userId)
            let present = try await db.raw("""
                SELECT user_id FROM group_members WHERE group_id = \(bind: groupId) AND user_id = \(bind: userId)
                """).first()
            guard present == nil else { return }
            try await db.raw("""
                INSERT INTO group_members (group_id, user_id, added_at)
                VALUES (\(bind: groupId), \(bind: userId), \(bind: CatalogTime.ms(now)))
                """).run()
            try await audit(db, actor, "group.add-member", "group:\(groupId)", ["user": userId], at: now)
        }
    }

    /// Removes a user from a group; removing a non-member changes nothing.
    public func removeMember(groupId: String, userId: String, by actor: AuditActor = .system, now: Date = Date()) async throws {
        try await transaction { db in
            _ = try await requireGroup(db, groupId)
            let removed = try await db.raw("""
                DELETE FROM group_members WHERE group_id = \(bind: groupId) AND user_id = \(bind: userId) RETURNING user_id
                """).all()
            guard !removed.isEmpty else { return }
            try await audit(db, actor, "group.remove-member", "group:\(groupId)", ["user": userId], at: now)
        }
    }

    /// The group with this id, or nil.
    public func group(id: String) async throws -> Group? {
        try await read { db in try await db.raw("SELECT id, name, created_at FROM user_groups WHERE id = \(bind: id)").first().map(Self.group) }
    }

    /// The group with this name, or nil.
    public func group(named name: String) async throws -> Group? {
        try await read { db in try await db.raw("SELECT id, name, created_at FROM user_groups WHERE name = \(bind: name)").first().map(Self.group) }
    }

    /// All groups, ordered by name.
    public func listGroups(_ page: PageRequest = PageRequest()) async throws -> [Group] {
        let page = try page.validated()
        return try await read { db in
            try await db.raw("""
                SELECT id, name, created_at FROM user_groups ORDER BY name LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)
                """).all().map(Self.group)
        }
    }

    /// A group's members, ordered by name.
    public func members(groupId: String) async throws -> [User] {
        try await read { db in
            _ = try await requireGroup(db, groupId)
            return try await db.raw("""
                SELECT \(unsafeRaw: Self.userColumns(of: "u"))
                FROM users u JOIN group_members m ON m.user_id = u.id
                WHERE m.group_id = \(bind: groupId) ORDER BY u.name
                """).all().map(Self.user)
        }
    }

    /// The groups a user belongs to, ordered by name.
    public func groups(ofUser userId: String) async throws -> [Group] {
        try await read { db in
            try await db.raw("""
                SELECT g.id, g.name, g.created_at FROM user_groups g JOIN group_members m ON m.group_id = g.id
                WHERE m.user_id = \(bind: userId) ORDER BY g.name
                """).all().map(Self.group)
        }
    }

    static func group(_ row: any SQLRow) throws -> Group {
        Group(id: try row.string("id"), name: try row.string("name"), createdAt: CatalogTime.date(try row.int("created_at")))
    }

    func requireGroup(_ db: any SQLDatabase, _ id: String) async throws -> Group {
        guard let row = try await db.raw("SELECT id, name, created_at FROM user_groups WHERE id = \(bind: id)").first() else {
            throw CatalogError.notFound("group", id)
        }
        return try Self.group(row)
    }
}
