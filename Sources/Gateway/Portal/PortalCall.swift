import Catalog
import Hummingbird

/// One portal request by a logged-on user: the request, its context, who is calling, and
/// their session's CSRF token (which every form on the page carries).
struct PortalCall {
    let request: Request
    let context: AtriumRequestContext
    let identity: Identity
    let csrf: String
    let services: AtriumServices

    var user: User { identity.user }
    var actor: AuditActor { .user(identity.user.id) }
    var catalog: Catalog { services.catalog }

    /// A path parameter (`:app` …); 400 when the route has none by that name.
    func parameter(_ name: String) throws -> String {
        guard let value = context.parameters.get(name) else { throw Problem.badRequest("The address lacks '\(name)'.") }
        return value
    }
}
