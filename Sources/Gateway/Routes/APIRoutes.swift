/// Every REST API route, area by area. Each area's file registers its routes with their access
/// rule and OpenAPI description.
enum APIRoutes {
    static func add(to api: APIRouter) {
        AuthRoutes.add(to: api)
        UserRoutes.add(to: api)
        PackageRoutes.add(to: api)
        PackageNetworkRoutes.add(to: api)
        AppRoutes.add(to: api)
        AppVersionRoutes.add(to: api)
        AppRightsRoutes.add(to: api)
        GroupRoutes.add(to: api)
        QuotaRoutes.add(to: api)
        TokenRoutes.add(to: api)
        KeyRoutes.add(to: api)
        AuditRoutes.add(to: api)
        CaseRoutes.add(to: api)
        SessionRoutes.add(to: api)
        JobRoutes.add(to: api)
        LicenseRoutes.add(to: api)
        ClusterRoutes.add(to: api)
        StoreRoutes.add(to: api)
    }
}
