import Crypto
import Foundation
import SQLKit

/// API tokens: random secrets shown once, stored as SHA-256, scoped, expiring, revocable.
extension Catalog {
    static let tokenPrefix = "atr_"

    /// Creates a token for `userId`. The returned secret is not stored anywhere.
    public func createToken(userId: String, name: String, scopes: [String], expiresAt: Date?,
                            by actor: AuditActor = .system, now: Date = Date()) async throws -> CreatedAPIToken {
        try await transaction { db in
            try await insertToken(db, userId: userId, name: name, scopes: scopes, expiresAt: expiresAt, binding: nil, by: actor, now: now)
        }
    }

    /// Inserts a token inside the caller's transaction, audited; `binding` names the data
    /// session or job it serves.
    func insertToken(_ db: any SQLDatabase, userId: String, name: String, scopes: [String], expiresAt: Date?, binding: TokenBinding?,
                     by actor: AuditActor, now: Date) async throws -> CreatedAPIToken {
        try CatalogName.requireLabel(name, "token name")
        for scope in scopes {
            guard !scope.isEmpty, scope.count <= 64, scope.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw CatalogError.invalidArgument("token scopes must be 1-64 printable ASCII characters")
            }
        }
        if let expiresAt, expiresAt <= now { throw CatalogError.invalidArgument("token would expire before it is created") }
        var random = SystemRandomNumberGenerator()
        let secret = Self.tokenPrefix + Self.base64url((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &random) })
        let id = CatalogID.make(now: now)
        let scopesJSON = String(decoding: try JSONEncoder().encode(scopes), as: UTF8.self)
        var session: String?, job: String?
        switch binding {
        case .dataSession(let value): session = value
        case .job(let value): job = value
        case nil: break
        }
        _ = try await requireUser(db, userId)
        try await db.raw("""
            INSERT INTO api_tokens (id, user_id, name, secret_sha256, scopes, created_at, expires_at, revoked_at, bound_session, bound_job)
            VALUES (\(bind: id), \(bind: userId), \(bind: name), \(bind: Self.secretHash(secret)), \(bind: scopesJSON),
                    \(bind: CatalogTime.ms(now)), \(bind: expiresAt.map(CatalogTime.ms)), NULL, \(bind: session), \(bind: job))
            """).run()
        try await audit(db, actor, "token.create", "user:\(userId)", ["token": id, "name": name], at: now)
        let token = APIToken(id: id, userId: userId, name: name, scopes: scopes, createdAt: CatalogTime.date(CatalogTime.ms(now)),
                             expiresAt: expiresAt.map { CatalogTime.date(CatalogTime.ms($0)) }, revokedAt: nil)
        return CreatedAPIToken(token: token, secret: secret)
    }

    /// The user and scopes behind `secret`, or nil when the token is unknown, expired, revoked,
    /// or its user is disabled; and for a bound token (``TokenBinding``), when its data session
    /// has ended or its job is not running (so it dies with them even if its revocation failed).
    public func authenticate(token secret: String, now: Date = Date()) async throws -> TokenAuthentication? {
        guard secret.hasPrefix(Self.tokenPrefix), secret.utf8.count < 200 else { return nil }
        let hash = Self.secretHash(secret)
        return try await read { db in
            guard let row = try await db.raw("""
                SELECT id, user_id, scopes, expires_at, revoked_at, bound_session, bound_job FROM api_tokens
                WHERE secret_sha256 = \(bind: hash)
                """).first() else { return nil }
            if try row.optionalInt("revoked_at") != nil { return nil }
            if let expires = try row.optionalInt("expires_at"), expires <= CatalogTime.ms(now) { return nil }
            let binding = try Self.binding(row)
            if let binding, !(try await isServing(db, binding)) { return nil }
            guard let userRow = try await db.raw("""
                SELECT \(unsafeRaw: Self.userColumns) FROM users WHERE id = \(bind: try row.string("user_id"))
                """).first() else { return nil }
            let user = try Self.user(userRow)
            guard !user.disabled else { return nil }
            return TokenAuthentication(user: user, tokenId: try row.string("id"), scopes: try Self.scopes(row), binding: binding)
        }
    }

    /// A user's tokens, newest first, without secrets.
    public func listTokens(userId: String) async throws -> [APIToken] {
        try await read { db in
            try await db.raw("""
                SELECT id, user_id, name, scopes, created_at, expires_at, revoked_at FROM api_tokens
                WHERE user_id = \(bind: userId) ORDER BY id DESC
                """).all().map(Self.token)
        }
    }

    /// Revokes a token (from `now` on). Revoking again changes nothing.
    public func revokeToken(id: String, by actor: AuditActor = .system, now: Date = Date()) async throws {
        try await transaction { db in
            _ = try await revokeToken(db, id: id, by: actor, now: now, missingIsError: true)
        }
    }

    /// Revokes token `id` inside the caller's transaction, audited. True when this revoked it;
    /// false when it was already revoked (or is unknown and `missingIsError` is false).
    func revokeToken(_ db: any SQLDatabase, id: String, by actor: AuditActor, now: Date, missingIsError: Bool) async throws -> Bool {
        guard let row = try await db.raw("SELECT user_id, revoked_at FROM api_tokens WHERE id = \(bind: id)").first() else {
            if missingIsError { throw CatalogError.notFound("token", id) }
            return false
        }
        guard try row.optionalInt("revoked_at") == nil else { return false }
        try await db.raw("UPDATE api_tokens SET revoked_at = \(bind: CatalogTime.ms(now)) WHERE id = \(bind: id)").run()
        try await audit(db, actor, "token.revoke", "user:\(try row.string("user_id"))", ["token": id], at: now)
        return true
    }

    /// Revokes every live (unrevoked, unexpired) API token of `userId` except those with an id in `keep`, inside the
    /// caller's transaction (the caller audits it: a password change does). Tokens of data
    /// sessions and jobs are not touched. Answers how many were revoked and how many kept.
    func revokeTokens(_ db: any SQLDatabase, userId: String, keeping keep: Set<String>, now: Date) async throws -> (revoked: Int, kept: Int) {
        let live = try await db.raw("""
            SELECT id FROM api_tokens
            WHERE user_id = \(bind: userId) AND revoked_at IS NULL AND bound_session IS NULL AND bound_job IS NULL
              AND (expires_at IS NULL OR expires_at > \(bind: CatalogTime.ms(now)))
            """).all().map { try $0.string("id") }
        let revoked = live.filter { !keep.contains($0) }
        for id in revoked {
            try await db.raw("UPDATE api_tokens SET revoked_at = \(bind: CatalogTime.ms(now)) WHERE id = \(bind: id)").run()
        }
        return (revoked.count, live.count - revoked.count)
    }

    // MARK: helpers

    static func secretHash(_ secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).map { byte in
            let s = String(byte, radix: 16)
            return byte < 16 ? "0" + s : s
        }.joined()
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func scopes(_ row: any SQLRow) throws -> [String] {
        guard let scopes = try? JSONDecoder().decode([String].self, from: Data(try row.string("scopes").utf8)) else {
            throw CatalogError.database("malformed scopes in api_tokens")
        }
        return scopes
    }

    static func token(_ row: any SQLRow) throws -> APIToken {
        APIToken(id: try row.string("id"), userId: try row.string("user_id"), name: try row.string("name"),
                 scopes: try scopes(row), createdAt: CatalogTime.date(try row.int("created_at")),
                 expiresAt: CatalogTime.date(try row.optionalInt("expires_at")),
                 revokedAt: CatalogTime.date(try row.optionalInt("revoked_at")))
    }
}
