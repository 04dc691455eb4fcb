import Hummingbird

/// A session host's cookie (docs/session-origin.md): the pass a one-time ticket was traded for,
/// good for that session only. `__Host-` makes browsers keep it to the host that set it (no
/// `Domain`, path `/`, HTTPS only), so no other session's page can plant one here; `HttpOnly`
/// keeps it from the session's script; `SameSite=Lax` lets the top-level navigation from the
/// portal carry it. The portal never reads it, and the session process never sees it.
public enum SessionPassCookie {
    public static let name = "__Host-atrium_s"

    public static func set(_ pass: String) -> Cookie {
        Cookie(name: name, value: pass, path: "/", secure: true, httpOnly: true, sameSite: .lax)
    }
}
