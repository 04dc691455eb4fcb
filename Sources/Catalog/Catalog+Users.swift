import Foundation
import HummingbirdBcrypt
import SQLKit
import Store
import Synchronization

/// Users: bcrypt passwords (hashed on the executor's credentials lane), roles, enable/disable.
extension Catalog {
    static let userColumns = "id, name, display_name, role, disabled, created_at, must_change_password"

    /// ``userColumns`` of the table `alias` in a join (`u.id, u.name, …`).
    static func userColumns(of alias: String) -> String {
        userColumns.split(separator: ",").map { alias + "." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
    }

    /// Creates a user. The password is hashed with bcrypt at the configured cost; the plaintext
    /// is neither stored nor logged.
    @discardableResult
    public func createUser(name: String, displayName: String, password: String, role: Role,
                           by actor: AuditActor = .system, now: Date = Date()) async throws -> User {
        try CatalogName.requireAccount(name, "user")
        try CatalogName.requireLabel(displayName, "display name")
        try Self.requirePassword(password)
        let hash = try await hashPassword(password)
        let id = CatalogID.make(now: now)
        return try await transaction { db in
            if try await db.raw("SELECT id FROM users WHERE name = \(bind: name)").first() != nil {
                throw CatalogError.conflict("user '\(name)' already exists")
            }
            try await db.raw("""
                INSERT INTO users (id, name, display_name, password_hash, role, disabled, created_at, updated_at)
                VALUES (\(bind: id), \(bind: name), \(bind: displayName), \(bind: hash), \(bind: role.rawValue), \(bind: 0),
                        \(bind: CatalogTime.ms(now)), \(bind: CatalogTime.ms(now)))
                """).run()
            try await audit(db, actor, "user.create", "user:\(id)", ["name": name, "role": role.rawValue], at: now)
            return User(id: id, name: name, displayName: displayName, role: role, disabled: false,
                        createdAt: CatalogTime.date(CatalogTime.ms(now)))
        }
    }

    /// The user with the right password, or nil: unknown name, wrong password and a disabled
    /// user all answer nil. An unknown name still costs one bcrypt check, so timing does not
    /// tell which names exist.
    public func verifyPassword(name: String, password: String) async throws -> User? {
        let row = try await read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.userColumns), password_hash FROM users WHERE name = \(bind: name)").first()
        }
        guard let row else {
            _ = try await checkPassword(password, hash: try await unknownNameHash())
            return nil
        }
        let matches = try await checkPassword(password, hash: try row.string("password_hash"))
        let user = try Self.user(row)
        return matches && !user.disabled ? user : nil
    }

    /// Replaces a user's password and revokes their API tokens except those in `keepingTokens`
    /// (ids), in one transaction; the tokens of data sessions and jobs stay (they end with
    /// them). Audited as `user.password` with the number of tokens revoked (`tokensRevoked`)
    /// and kept (`tokensKept`). Answers how many were revoked; the caller drops them from any
    /// token cache. With `mustChange` the user has to choose another one at the next log-on
    /// (the first-run admin); without it the requirement ends.
    @discardableResult
    public func setPassword(userId: String, password: String, mustChange: Bool = false, keepingTokens keep: Set<String> = [],
                            by actor: AuditActor = .system, now: Date = Date()) async throws -> Int {
        try Self.requirePassword(password)
        let hash = try await hashPassword(password)
        return try await transaction { db in
            _ = try await requireUser(db, userId)
            try await db.raw("""
                UPDATE users SET password_hash = \(bind: hash), must_change_password = \(bind: mustChange ? 1 : 0),
                                 updated_at = \(bind: CatalogTime.ms(now))
                WHERE id = \(bind: userId)
                """).run()
            let (revoked, kept) = try await revokeTokens(db, userId: userId, keeping: keep, now: now)
            var detail = ["tokensRevoked": String(revoked), "tokensKept": String(kept)]
            if mustChange { detail["mustChange"] = "true" }
            try await audit(db, actor, "user.password", "user:\(userId)", detail, at: now)
            return revoked
        }
    }

    /// Changes a user's role.
    public func setRole(userId: String, role: Role, by actor: AuditActor = .system, now: Date = Date()) async throws {
        try await updateUser(userId, "role", role.rawValue, action: "user.role", detail: ["role": role.rawValue], by: actor, now: now)
    }

    /// Disables (`true`) or re-enables a user. A disabled user cannot log on and their tokens stop working.
    public func setDisabled(userId: String, _ disabled: Bool, by actor: AuditActor = .system, now: Date = Date()) async throws {
        try await updateUser(userId, "disabled", disabled ? 1 : 0, action: disabled ? "user.disable" : "user.enable",
                             detail: [:], by: actor, now: now)
    }

    /// Changes a user's display name (stored verbatim).
    public func setDisplayName(userId: String, _ displayName: String, by actor: AuditActor = .system, now: Date = Date()) async throws {
        try CatalogName.requireLabel(displayName, "display name")
        try await updateUser(userId, "display_name", displayName, action: "user.rename", detail: [:], by: actor, now: now)
    }

    /// The user with this id, or nil.
    public func user(id: String) async throws -> User? {
        try await read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.userColumns) FROM users WHERE id = \(bind: id)").first().map(Self.user)
        }
    }

    /// The user with this log-on name, or nil.
    public func user(named name: String) async throws -> User? {
        try await read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.userColumns) FROM users WHERE name = \(bind: name)").first().map(Self.user)
        }
    }

    /// Users ordered by name, one page at a time.
    public func listUsers(_ page: PageRequest = PageRequest()) async throws -> [User] {
        let page = try page.validated()
        return try await read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.userColumns) FROM users ORDER BY name
                LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)
                """).all().map(Self.user)
        }
    }

    // MARK: helpers

    static func user(_ row: any SQLRow) throws -> User {
        guard let role = Role(rawValue: try row.string("role")) else { throw CatalogError.database("unknown role in users row") }
        return User(id: try row.string("id"), name: try row.string("name"), displayName: try row.string("display_name"),
                    role: role, disabled: try row.flag("disabled"), createdAt: CatalogTime.date(try row.int("created_at")),
                    mustChangePassword: try row.flag("must_change_password"))
    }

    static func requirePassword(_ password: String) throws {
        // bcrypt reads at most 72 bytes; longer passwords would silently share a hash.
        guard (8...72).contains(password.utf8.count), !password.utf8.contains(0) else {
            throw CatalogError.invalidArgument("password must be 8-72 bytes")
        }
    }

    func requireUser(_ db: any SQLDatabase, _ id: String) async throws -> User {
        guard let row = try await db.raw("SELECT \(unsafeRaw: Self.userColumns) FROM users WHERE id = \(bind: id)").first() else {
            throw CatalogError.notFound("user", id)
        }
        return try Self.user(row)
    }

    private func updateUser(_ id: String, _ column: String, _ value: any Encodable & Sendable, action: String,
                            detail: [String: String], by actor: AuditActor, now: Date) async throws {
        try await transaction { db in
            _ = try await requireUser(db, id)
            try await db.raw("""
                UPDATE users SET \(unsafeRaw: column) = \(bind: value), updated_at = \(bind: CatalogTime.ms(now))
                WHERE id = \(bind: id)
                """).run()
            try await audit(db, actor, action, "user:\(id)", detail, at: now)
        }
    }

    private func hashPassword(_ password: String) async throws -> String {
        let cost = configuration.bcryptCost
        return try await executor.run(.credentials) { Bcrypt.hash(password, cost: cost) }
    }

    private func checkPassword(_ password: String, hash: String) async throws -> Bool {
        try await executor.run(.credentials) { Bcrypt.verify(password, hash: hash) }
    }

    /// The hash an unknown name's password is checked against, so that an unknown name costs
    /// one bcrypt check at the configured cost, the same as a known one: a hash of a random
    /// string (nothing verifies against it), made once per cost on the credentials lane.
    func unknownNameHash() async throws -> String {
        let cost = configuration.bcryptCost
        if let hash = Self.unknownNameHashes.withLock({ $0[cost] }) { return hash }
        let random = (0..<32).map { _ in String(UInt8.random(in: 0...255), radix: 16) }.joined()
        let hash = try await executor.run(.credentials) { Bcrypt.hash(random, cost: cost) }
        return Self.unknownNameHashes.withLock { table in
            if let made = table[cost] { return made }
            table[cost] = hash
            return hash
        }
    }

    private static let unknownNameHashes = Mutex<[UInt8: String]>([:])
}
