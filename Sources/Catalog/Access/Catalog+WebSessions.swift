import Foundation
import SQLKit

/// Portal log-on sessions: random secrets stored as SHA-256, each with its own CSRF token and a
/// fixed lifetime. Kept in the database so that any node of a cluster recognises them.
extension Catalog {
    static let sessionPrefix = "ats_"

    /// Starts a session for `userId` lasting `lifetime` seconds.
    public func createWebSession(userId: String, lifetime: TimeInterval, now: Date = Date()) async throws -> CreatedWebSession {
        guard lifetime > 0 else { throw CatalogError.invalidArgument("a session lifetime must be positive") }
        let secret = Self.sessionPrefix + Self.randomToken()
        let csrf = Self.randomToken()
        let expires = now.addingTimeInterval(lifetime)
        return try await transaction { db in
            let user = try await requireUser(db, userId)
            try await db.raw("DELETE FROM web_sessions WHERE expires_at <= \(bind: CatalogTime.ms(now))").run()
            try await db.raw("""
                INSERT INTO web_sessions (secret_sha256, user_id, csrf, created_at, expires_at)
                VALUES (\(bind: Self.secretHash(secret)), \(bind: userId), \(bind: csrf), \(bind: CatalogTime.ms(now)),
                        \(bind: CatalogTime.ms(expires)))
                """).run()
            try await audit(db, .user(userId), "session.logon", "user:\(userId)", [:], at: now)
            let session = WebSession(user: user, csrf: csrf, expiresAt: CatalogTime.date(CatalogTime.ms(expires)))
            return CreatedWebSession(session: session, secret: secret)
        }
    }

    /// The live session named by `secret`, or nil (unknown, expired, or its user disabled).
    public func webSession(secret: String, now: Date = Date()) async throws -> WebSession? {
        guard secret.hasPrefix(Self.sessionPrefix), secret.utf8.count < 200 else { return nil }
        return try await read { db in
            guard let row = try await db.raw("""
                SELECT s.csrf, s.expires_at, \(unsafeRaw: Self.userColumns(of: "u"))
                FROM web_sessions s JOIN users u ON u.id = s.user_id
                WHERE s.secret_sha256 = \(bind: Self.secretHash(secret))
                """).first() else { return nil }
            let expires = try row.int("expires_at")
            guard expires > CatalogTime.ms(now) else { return nil }
            let user = try Self.user(row)
            guard !user.disabled else { return nil }
            return WebSession(user: user, csrf: try row.string("csrf"), expiresAt: CatalogTime.date(expires))
        }
    }

    /// Ends the session named by `secret`; ending an unknown one changes nothing.
    public func endWebSession(secret: String, now: Date = Date()) async throws {
        try await transaction { db in
            let hash = Self.secretHash(secret)
            guard let row = try await db.raw("SELECT user_id FROM web_sessions WHERE secret_sha256 = \(bind: hash)").first() else { return }
            try await db.raw("DELETE FROM web_sessions WHERE secret_sha256 = \(bind: hash)").run()
            try await db.raw("DELETE FROM session_passes WHERE web_session_sha256 = \(bind: hash)").run()
            let userId = try row.string("user_id")
            try await audit(db, .user(userId), "session.logoff", "user:\(userId)", [:], at: now)
        }
    }

    /// Ends every session of a user (password change, disabling).
    public func endWebSessions(userId: String) async throws {
        try await transaction { db in
            try await db.raw("DELETE FROM web_sessions WHERE user_id = \(bind: userId)").run()
        }
    }

    /// How many users exist (zero on a first run).
    public func userCount() async throws -> Int {
        try await read { db in
            guard let row = try await db.raw("SELECT COUNT(*) AS n FROM users").first() else { return 0 }
            return Int(try row.int("n"))
        }
    }

    static func randomToken() -> String {
        var random = SystemRandomNumberGenerator()
        return base64url((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &random) })
    }
}
