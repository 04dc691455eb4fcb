import Hummingbird

/// The browser portal: static CSS and script, log-on and log-off, and the pages.
enum PortalRoutes {
    static func add(to router: Router<AtriumRequestContext>, services: AtriumServices, table: RouteTable) {
        let renderer = PortalRenderer(sandbox: services.sessions.sandbox)
        let portal = Portal(router: router, table: table, responder: PortalResponder(services: services, renderer: renderer))
        router.get("/static/portal.css") { _, _ in asset(PortalStyle.css, type: "text/css; charset=utf-8") }
        router.get("/static/portal.js") { _, _ in asset(PortalScript.js, type: "text/javascript; charset=utf-8") }
        PortalAuthPages.add(portal)
        PortalPasswordPages.add(portal)
        PortalAppPages.add(portal)
        PortalLaunchPages.add(portal)
        PortalPackagePages.add(portal)
        PortalPackageNetworkPages.add(portal)
        PortalCasePages.add(portal)
        PortalSessionPages.add(portal)
        PortalJobPages.add(portal)
        PortalLicensePages.add(portal)
        PortalClusterPages.add(portal)
        PortalStorePages.add(portal)
        PortalUserPages.add(portal)
        PortalGroupPages.add(portal)
        PortalQuotaPages.add(portal)
        PortalKeyPages.add(portal)
        PortalAccountPages.add(portal)
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=300"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
