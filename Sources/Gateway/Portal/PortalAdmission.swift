import Hummingbird

/// Whether a portal request may go on: the caller with their session's CSRF token, or the
/// answer instead (a redirect to `/logon`, or a 403 page in words).
enum PortalAdmission {
    case admitted(Identity, csrf: String)
    case refused(Response)
}
