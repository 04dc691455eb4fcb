import Catalog
import Hummingbird
import Logging

/// Registers portal pages and forms on the gateway's router. A page needs a portal log-on
/// (anonymous callers are sent to `/logon`) and its role (a 403 page in words otherwise); a
/// user who must choose a new password is sent to `/account/new-password` from everywhere else.
/// A form also needs its hidden `_csrf` field to equal the session's token; a failed action
/// shows its page again with what went wrong and what was typed, a successful one redirects
/// (303) with a message, and a destructive one first asks (``PortalConfirmation``).
struct Portal {
    typealias Page = @Sendable (PortalCall) async throws -> PortalView
    typealias Action = @Sendable (PortalCall, PortalForm) async throws -> PortalOutcome

    let router: Router<AtriumRequestContext>
    /// Where each page and form is listed (for the authorization matrix).
    let table: RouteTable
    let responder: PortalResponder
    var services: AtriumServices { responder.services }
    var renderer: PortalRenderer { responder.renderer }

    /// A page at `path` (Hummingbird syntax, `/apps/:app`). `beforePasswordChange` pages are
    /// open to a user who must still choose a new password.
    func page(_ path: String, access: Access = .user, beforePasswordChange: Bool = false, _ page: @escaping Page) {
        let renderer = self.renderer, responder = self.responder
        route(.get, path, access: access, beforePasswordChange: beforePasswordChange) { call in
            do {
                let view = try await page(call)
                let message = PortalFlash.read(call.request)
                var response = renderer.render(view, viewer: call.identity, csrf: call.csrf, message: message)
                if message != nil { response.setCookie(PortalFlash.clear()) }
                return response
            } catch {
                return responder.failure(error, call: call)
            }
        }
    }

    /// A form posted to `path`; `page` is shown again when `action` fails, its fields filled
    /// with what was typed (``PortalForm/typed``, passwords left out).
    func form(_ path: String, access: Access = .user, beforePasswordChange: Bool = false, page: @escaping Page,
              _ action: @escaping Action) {
        let renderer = self.renderer, responder = self.responder
        route(.post, path, access: access, beforePasswordChange: beforePasswordChange) { call in
            let (request, context, identity, csrf) = (call.request, call.context, call.identity, call.csrf)
            let form: PortalForm
            do { form = try await PortalForm.read(request) } catch { return responder.failure(error, call: call) }
            guard let sent = form.raw("_csrf"), constantTimeEqual(sent, csrf) else {
                return renderer.message("Refused", "The form's security token is missing or out of date. Reload the page and try again.",
                                        viewer: identity, csrf: csrf, status: .forbidden)
            }
            let outcome: PortalOutcome
            do {
                outcome = try await action(call, form)
            } catch {
                let (status, detail) = responder.describe(error, logger: context.logger)
                do {
                    var view = try await page(call)
                    view.data["typed"] = form.typed
                    return renderer.render(view, viewer: identity, csrf: csrf, error: detail, status: status)
                } catch {
                    return responder.failure(error, call: call)
                }
            }
            switch outcome {
            case .redirect(let location, let message):
                var response = Response(status: .seeOther, headers: [.location: location])
                if !message.isEmpty { response.setCookie(PortalFlash.set(message)) }
                return response
            case .show(let message, let extra):
                do {
                    var view = try await page(call)
                    view.data.merge(extra) { _, new in new }
                    return renderer.render(view, viewer: identity, csrf: csrf, message: message)
                } catch {
                    return responder.failure(error, call: call)
                }
            case .confirm(let confirmation):
                return renderer.render(confirmation.view(action: request.uri.path, form: form), viewer: identity, csrf: csrf)
            }
        }
    }

    /// Lists a route at `path` and registers it: the caller is admitted (``PortalResponder/admit``)
    /// and `handle` answers their call, or the refusal is the answer.
    private func route(_ method: HTTPRequest.Method, _ path: String, access: Access, beforePasswordChange: Bool,
                       _ handle: @escaping @Sendable (PortalCall) async -> Response) {
        let responder = self.responder, services = self.services
        table.addPortal(PortalRoute(method: method, path: path, access: access))
        router.on(RouterPath(path), method: method) { request, context in
            switch responder.admit(context, access: access, beforePasswordChange: beforePasswordChange) {
            case .refused(let response):
                return response
            case .admitted(let identity, let csrf):
                return await handle(PortalCall(request: request, context: context, identity: identity, csrf: csrf, services: services))
            }
        }
    }
}
