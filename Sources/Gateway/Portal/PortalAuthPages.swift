import HTTPTypes
import Hummingbird

/// `GET`/`POST /logon` and `POST /logoff`. No session exists before log-on, so the log-on form
/// is guarded by its `Origin` header, which must be the portal's own origin; it then logs on
/// exactly as `POST /api/v1/session` does (same limits, same session and cookie).
enum PortalAuthPages {
    static func add(_ portal: Portal) {
        let services = portal.services
        let renderer = portal.renderer, responder = portal.responder

        portal.router.get("/logon") { request, context in
            if case .session = context.identity?.method { return Response(status: .seeOther, headers: [.location: "/"]) }
            let message = PortalFlash.read(request)
            var response = renderer.render(PortalView("logon", title: "Log on"), viewer: nil, csrf: nil, message: message)
            if message != nil { response.setCookie(PortalFlash.clear()) }
            return response
        }

        portal.router.post("/logon") { request, context in
            guard sameOrigin(request) else {
                return renderer.message("Refused", "The log-on form was sent from another site. Open the log-on page of this portal and try again.",
                                        viewer: nil, csrf: nil, status: .forbidden)
            }
            var name = ""
            do {
                let form = try await PortalForm.read(request)
                name = form["name"] ?? ""
                let result = try await LogOn.perform(services, name: name, password: form.raw("password") ?? "",
                                                     remoteAddress: context.remoteAddress, logger: context.logger)
                var response = Response(status: .seeOther, headers: [.location: "/"])
                response.setCookie(SessionCookie.set(result.secret, maxAge: Int(services.sessionLifetime)))
                return response
            } catch {
                let (status, detail) = responder.describe(error, logger: context.logger)
                var response = renderer.render(PortalView("logon", title: "Log on", ["name": name]), viewer: nil, csrf: nil,
                                               error: detail, status: status)
                if let problem = error as? Problem, let retry = problem.headers["Retry-After"] {
                    response.headers[HTTPField.Name("Retry-After")!] = retry
                }
                return response
            }
        }

        portal.router.post("/logoff") { request, context in
            guard let identity = context.identity, case .session(let secret, let csrf) = identity.method else {
                return Response(status: .seeOther, headers: [.location: "/logon"])
            }
            let form: PortalForm
            do { form = try await PortalForm.read(request) } catch { form = PortalForm(encoded: "") }
            guard let sent = form.raw("_csrf"), constantTimeEqual(sent, csrf) else {
                return renderer.message("Refused", "The form's security token is missing or out of date. Reload the page and try again.",
                                        viewer: identity, csrf: csrf, status: .forbidden)
            }
            try await services.catalog.endWebSession(secret: secret)
            var response = Response(status: .seeOther, headers: [.location: "/logon"])
            response.setCookie(SessionCookie.clear())
            response.setCookie(PortalFlash.set("You are logged off."))
            return response
        }
    }

    /// True when the request's `Origin` is this portal's own (`https://` and the host it was sent to).
    static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin], let host = request.head.authority ?? request.headers[HTTPField.Name("Host")!],
              !host.isEmpty else { return false }
        return origin.lowercased() == "https://" + host.lowercased()
    }
}
