import Hummingbird

/// What a browser that loads a page of a session whose node was lost gets instead of a
/// problem document: a small page that says so and links back to the portal.
enum SessionGonePage {
    /// True for a browser page load (a GET that accepts HTML).
    static func wanted(by request: Request) -> Bool {
        request.method == .get && !ProxyAccess.isUpgrade(request) && (request.headers[.accept]?.contains("text/html") ?? false)
    }

    static let html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Session ended</title></head>
        <body><main><h1>Session ended</h1>
        <p>\(RemoteSessions.goneDetail)</p>
        <p><a href="/">Back to the apps</a></p></main></body></html>

        """

    static func response() -> Response {
        Response(status: .gone, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
