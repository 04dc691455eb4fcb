import Hummingbird

/// What a browser that loads a page of a session it cannot reach gets instead of a problem
/// document: a small page in the portal's words that links back to the portal. A session whose
/// node was lost answers `410`; an ended, unknown or someone else's session answers the same
/// `404` (it must not tell which of those it is).
enum SessionGonePage {
    /// True for a browser page load (a GET that accepts HTML).
    static func wanted(by request: Request) -> Bool {
        request.method == .get && !ProxyAccess.isUpgrade(request) && (request.headers[.accept]?.contains("text/html") ?? false)
    }

    /// The page for `problem`, or nil when it is not one of the proxy's "cannot reach" answers;
    /// its links go to `portal` (the portal's address, or `/` on the portal's own host).
    static func response(for problem: Problem, portal: String) -> Response? {
        if problem == RemoteSessions.gone {
            return page(status: .gone, title: "Session ended", portal: portal, text: RemoteSessions.goneDetail)
        }
        if problem == ProxyAccess.notFound {
            return page(status: .notFound, title: "Session ended", portal: portal,
                        text: "This session has ended, or it is not yours. Its saved cases are kept; launch the app again to go on.")
        }
        return nil
    }

    /// A small page with links to `portal` (which ends in `/`). On a session's host the portal's
    /// stylesheet is another site's, which the pages' `default-src 'self'` keeps out: it stays plain.
    static func page(status: HTTPResponse.Status, title: String, portal: String, text: String) -> Response {
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Atrium</title><link rel="stylesheet" href="\(portal)static/portal.css"></head>
            <body><main><section class="card narrow" id="session-gone"><h1>\(title)</h1>
            <p>\(text)</p>
            <p class="actions"><a class="button primary" href="\(portal)">Back to the apps</a> <a href="\(portal)sessions">Your sessions</a></p>
            </section></main></body></html>

            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
