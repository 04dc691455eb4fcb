import Foundation
import SQLKit

/// How a browser enters a data session's own host (docs/session-origin.md): the portal makes a
/// one-time ticket for a logged-on user, the session's host trades it for a pass, the value of its
/// `__Host-` cookie. Secrets are stored as SHA-256. A ticket or pass names one data session and the
/// portal log-on it came from, and works only while that log-on lasts and its user is enabled.
extension Catalog {
    static let ticketPrefix = "atk_"
    static let passPrefix = "atp_"

    /// A one-time ticket into `sessionId` for the portal log-on `webSessionSecret`, good for
    /// `lifetime` seconds; nil when that log-on is over.
    public func createSessionTicket(webSessionSecret: String, sessionId: String, lifetime: TimeInterval = 60,
                                    now: Date = Date()) async throws -> String? {
        guard lifetime > 0 else { throw CatalogError.invalidArgument("a ticket's lifetime must be positive") }
        let ticket = Self.ticketPrefix + Self.randomToken()
        let webSession = Self.secretHash(webSessionSecret)
        return try await transaction { db in
            guard try await db.raw("""
                SELECT 1 AS one FROM web_sessions WHERE secret_sha256 = \(bind: webSession) AND expires_at > \(bind: CatalogTime.ms(now))
                """).first() != nil else { return nil }
            try await db.raw("DELETE FROM session_passes WHERE expires_at <= \(bind: CatalogTime.ms(now))").run()
            try await db.raw("""
                INSERT INTO session_passes (secret_sha256, kind, session_id, web_session_sha256, created_at, expires_at)
                VALUES (\(bind: Self.secretHash(ticket)), 'ticket', \(bind: sessionId), \(bind: webSession),
                        \(bind: CatalogTime.ms(now)), \(bind: CatalogTime.ms(now.addingTimeInterval(lifetime))))
                """).run()
            return ticket
        }
    }

    /// Trades a ticket into `sessionId` for a pass, once: the ticket is gone afterwards, whether or
    /// not it was good. The pass lasts as long as the portal log-on the ticket came from. Nil for
    /// an unknown, used, expired or other session's ticket, or when the log-on or its user is gone.
    public func redeemSessionTicket(_ ticket: String, sessionId: String, now: Date = Date()) async throws -> (pass: String, user: User)? {
        guard ticket.hasPrefix(Self.ticketPrefix), ticket.utf8.count < 200 else { return nil }
        let hash = Self.secretHash(ticket)
        return try await transaction { db in
            guard let row = try await db.raw("""
                SELECT p.session_id, p.expires_at, p.web_session_sha256, w.expires_at AS web_expires, \(unsafeRaw: Self.userColumns(of: "u"))
                FROM session_passes p JOIN web_sessions w ON w.secret_sha256 = p.web_session_sha256
                JOIN users u ON u.id = w.user_id
                WHERE p.secret_sha256 = \(bind: hash) AND p.kind = 'ticket'
                """).first() else { return nil }
            try await db.raw("DELETE FROM session_passes WHERE secret_sha256 = \(bind: hash)").run()
            let webExpires = try row.int("web_expires")
            guard try row.string("session_id") == sessionId, try row.int("expires_at") > CatalogTime.ms(now),
                  webExpires > CatalogTime.ms(now) else { return nil }
            let user = try Self.user(row)
            guard !user.disabled else { return nil }
            let pass = Self.passPrefix + Self.randomToken()
            try await db.raw("""
                INSERT INTO session_passes (secret_sha256, kind, session_id, web_session_sha256, created_at, expires_at)
                VALUES (\(bind: Self.secretHash(pass)), 'pass', \(bind: sessionId), \(bind: try row.string("web_session_sha256")),
                        \(bind: CatalogTime.ms(now)), \(bind: webExpires))
                """).run()
            return (pass, user)
        }
    }

    /// The user a pass into `sessionId` belongs to, or nil (unknown, another session's, expired,
    /// its portal log-on ended, or its user disabled).
    public func sessionPassUser(_ pass: String, sessionId: String, now: Date = Date()) async throws -> User? {
        guard pass.hasPrefix(Self.passPrefix), pass.utf8.count < 200 else { return nil }
        return try await read { db in
            guard let row = try await db.raw("""
                SELECT p.session_id, p.expires_at, \(unsafeRaw: Self.userColumns(of: "u"))
                FROM session_passes p JOIN web_sessions w ON w.secret_sha256 = p.web_session_sha256
                JOIN users u ON u.id = w.user_id
                WHERE p.secret_sha256 = \(bind: Self.secretHash(pass)) AND p.kind = 'pass'
                """).first() else { return nil }
            guard try row.string("session_id") == sessionId, try row.int("expires_at") > CatalogTime.ms(now) else { return nil }
            let user = try Self.user(row)
            return user.disabled ? nil : user
        }
    }
}
