import Catalog
import Foundation
import Hummingbird

/// How a browser gets from the portal into a session's own host (docs/session-origin.md). The
/// portal's `/s/<session>/…` never serves a session: for its logged-on owner it makes a one-time
/// ticket (a minute) and sends the browser to the session's host, which trades the ticket for its
/// pass cookie (``SessionPassCookie``) and goes on to the page asked for. The portal's cookie
/// never reaches a session's host, and the pass works on that host, for that session, only.
enum SessionEntry {
    /// The ticket's way in on a session's host: `GET /_atrium/enter?ticket=…&next=…`.
    static let path = "/_atrium/enter"
    /// How long a ticket may wait to be used, seconds.
    static let ticketLifetime: TimeInterval = 60

    /// The answer on the portal's host to a request under `/s/<session>/` that ``ProxyAccess``
    /// let through: for a logged-on browser's page load, a ticket and a redirect to the session's
    /// host; for anyone else (an API token, another method), the session's own address (307).
    static func handOver(_ request: Request, context: AtriumRequestContext, path: ProxyPath, services: AtriumServices) async throws -> Response {
        let hosts = services.configuration.sessionHosts
        let authority = request.head.authority
        let rest = (path.rest.isEmpty ? "/" : path.rest) + (path.query.map { "?" + $0 } ?? "")
        guard case .session(let secret, _) = context.identity?.method, request.method == .get || request.method == .head else {
            return Response(status: .temporaryRedirect, headers: [.location: hosts.url(session: path.session, authority: authority, rest: rest)])
        }
        guard hosts.reachable(from: authority) else {
            throw Problem.conflict("""
                Sessions are served from their own hosts under \(hosts.domain), which only a browser on the gateway's own \
                machine reaches. An admin must set sessionHost to a domain whose every name points at the gateway \
                (a wildcard DNS record and certificate); see docs/session-origin.md.
                """)
        }
        guard let ticket = try await services.catalog.createSessionTicket(webSessionSecret: secret, sessionId: path.session,
                                                                          lifetime: ticketLifetime) else {
            return Response(status: .seeOther, headers: [.location: "/logon"])
        }
        let location = "https://\(path.session).\(hosts.domain)\(SessionHosts.port(of: authority))\(Self.path)"
            + "?ticket=\(encoded(ticket))&next=\(encoded(rest))"
        return Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// `GET /_atrium/enter` on a session's host: trades the ticket for the pass cookie and goes on
    /// to `next` under the session's path. A used, expired or other session's ticket is refused
    /// with a page that leads back to the portal, which makes a new one.
    static func enter(_ request: Request, context: AtriumRequestContext, services: AtriumServices) async throws -> Response {
        guard let session = context.sessionHost else { throw Problem.notFound("There is no such page.") }
        let parameters = request.uri.queryParameters
        let next = parameters["next"].map(String.init).flatMap(safeNext) ?? "/"
        guard let ticket = parameters["ticket"].map(String.init),
              let (pass, _) = try await services.catalog.redeemSessionTicket(ticket, sessionId: session) else {
            return SessionGonePage.page(status: .forbidden, title: "Link used up", portal: services.configuration.browserURL,
                                        text: "This link into the session was used already or has expired. Open the session again from the portal.")
        }
        var response = Response(status: .seeOther, headers: [.location: "/s/\(session)\(next)", .cacheControl: "no-store"])
        response.setCookie(SessionPassCookie.set(pass))
        return response
    }

    /// `next` when it is a path on this host (`/…`, not `//…` or `/\…`), else nil.
    static func safeNext(_ next: String) -> String? {
        guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
              !next.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7f }) else { return nil }
        return next
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Adds the way in to the router (on the portal's host it is a 404).
    static func addRoute(to router: Router<AtriumRequestContext>, services: AtriumServices) {
        router.get(RouterPath(path)) { request, context in try await enter(request, context: context, services: services) }
    }
}
