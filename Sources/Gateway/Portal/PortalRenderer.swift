import Catalog
import Hummingbird
import Mustache

/// Renders portal pages: the page's template, then the layout (navigation, the message area)
/// around it. Every value goes through Mustache's escaping `{{ }}`; only the rendered page body
/// is inserted unescaped into the layout. Admins see the sandbox's warning (``SandboxPolicy``)
/// on every page while it is off or cannot be made.
struct PortalRenderer: Sendable {
    let library: MustacheLibrary
    /// The sandbox as found at start.
    let sandbox: SandboxStatus

    /// Parses every template; they are constants, so a parse error is a bug caught by any test.
    init(sandbox: SandboxStatus = .on) {
        self.sandbox = sandbox
        var library = MustacheLibrary()
        for (name, text) in PortalTemplates.all {
            do { try library.register(text, named: name) } catch { fatalError("portal template '\(name)' does not parse: \(error)") }
        }
        self.library = library
    }

    /// The page as a `text/html` response.
    func render(_ view: PortalView, viewer: Identity?, csrf: String?, message: String? = nil, error: String? = nil,
                status: HTTPResponse.Status = .ok) -> Response {
        var data = view.data
        data["csrf"] = csrf ?? ""
        if let viewer {
            data["isPublisher"] = Access.publisher.admits(viewer.user.role)
            data["isAdmin"] = viewer.user.role == .admin
        }
        let body = library.render(data, withTemplate: view.template) ?? ""
        var layout: [String: Any] = ["title": view.title, "body": body]
        if let message { layout["message"] = message }
        if let error { layout["error"] = error }
        if let csrf { layout["csrf"] = csrf }
        if let viewer {
            layout["viewer"] = ["name": viewer.user.name, "displayName": viewer.user.displayName, "role": viewer.user.role.rawValue,
                                "mustChange": viewer.user.mustChangePassword]
            layout["isPublisher"] = Access.publisher.admits(viewer.user.role)
            layout["isAdmin"] = viewer.user.role == .admin
            if let notice = SandboxPolicy.notice(for: viewer.user.role, sandbox) { layout["sandboxNotice"] = notice }
        }
        let html = library.render(layout, withTemplate: "layout") ?? ""
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A page that only says something: a refusal, a missing object, a failure.
    func message(_ heading: String, _ text: String, viewer: Identity?, csrf: String?, status: HTTPResponse.Status) -> Response {
        render(PortalView("message", title: heading, ["heading": heading, "text": text]), viewer: viewer, csrf: csrf, status: status)
    }
}
