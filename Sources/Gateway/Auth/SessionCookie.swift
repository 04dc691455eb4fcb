import Foundation
import Hummingbird

/// The portal's log-on cookie: `Secure` (HTTPS only), `HttpOnly` (no script reads it),
/// `SameSite=Strict` (never sent on cross-site requests), path `/`.
public enum SessionCookie {
    public static let name = "atrium_session"

    public static func set(_ secret: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: secret, maxAge: maxAge, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }

    public static func clear() -> Cookie {
        Cookie(name: name, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", secure: true,
               httpOnly: true, sameSite: .strict)
    }
}
