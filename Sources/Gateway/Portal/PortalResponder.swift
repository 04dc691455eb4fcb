import Catalog
import Hummingbird
import Logging

/// What every portal page and form shares: who may in (log-on and role), and how an error
/// becomes a page in words.
struct PortalResponder: Sendable {
    let services: AtriumServices
    let renderer: PortalRenderer

    /// Lets in portal log-ons of the right role; others go to `/logon` or get a 403 page. A user
    /// who must choose a new password reaches only the `beforePasswordChange` pages (choosing it,
    /// logging off); everything else sends them to ``PortalPasswordPages/path``.
    func admit(_ context: AtriumRequestContext, access: Access, beforePasswordChange: Bool = false) -> PortalAdmission {
        guard let identity = context.identity, case .session(_, let csrf) = identity.method else {
            return .refused(Response(status: .seeOther, headers: [.location: "/logon"]))
        }
        if identity.user.mustChangePassword, !beforePasswordChange {
            return .refused(Response(status: .seeOther, headers: [.location: PortalPasswordPages.path]))
        }
        guard access.admits(identity.user.role) else {
            return .refused(renderer.message("Not allowed", "This page is for \(access.rawValue)s only; your role is \(identity.user.role.rawValue).",
                                             viewer: identity, csrf: csrf, status: .forbidden))
        }
        return .admitted(identity, csrf: csrf)
    }

    /// The error as a page in words.
    func failure(_ error: any Error, call: PortalCall) -> Response {
        let (status, detail) = describe(error, logger: call.context.logger)
        let heading = status == .notFound ? "Not found" : (status == .forbidden ? "Not allowed" : "Something went wrong")
        return renderer.message(heading, detail, viewer: call.identity, csrf: call.csrf, status: status)
    }

    /// The status and sentence for an error; unexpected ones are logged, not shown.
    func describe(_ error: any Error, logger: Logger) -> (HTTPResponse.Status, String) {
        if let problem = (error as? Problem) ?? Problem(mapping: error) {
            return (HTTPResponse.Status(code: problem.status), problem.detail ?? problem.title)
        }
        logger.error("portal request failed", metadata: ["error.type": "\(type(of: error))", "error": "\(error)"])
        return (.internalServerError, "The server could not complete the request.")
    }
}
