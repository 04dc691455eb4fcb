import Foundation
import Hummingbird

/// The portal's log-on cookie: `Secure` (HTTPS only), `HttpOnly` (no script reads it),
/// `SameSite=Strict` (never sent on cross-site requests), path `/`, no `Domain`. The `__Host-`
/// prefix makes browsers refuse it from any other host, so no page of another host under the same
/// site (a session's host under the portal's domain, docs/session-origin.md) can plant one.
public enum SessionCookie {
    public static let name = "__Host-atrium_session"

    public static func set(_ secret: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: secret, maxAge: maxAge, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }

    public static func clear() -> Cookie {
        Cookie(name: name, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", secure: true,
               httpOnly: true, sameSite: .strict)
    }
}
