import Hummingbird

/// The router behind the runtimes' API socket (`DATA/run/api.sock`): the REST API and nothing
/// else (no portal, no session proxy, no operational routes), for session tokens only (see
/// ``RuntimeSocketMiddleware``). Its routes and access rules are the same code as the HTTPS
/// server's; only what may authenticate differs.
public func buildRuntimeAPIRouter(_ services: AtriumServices, metrics: GatewayMetrics) -> Router<AtriumRequestContext> {
    let router = Router(context: AtriumRequestContext.self)
    router.add(middleware: AccessLogMiddleware(logger: services.logger))
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: RuntimeSocketMiddleware.BeforeAuthentication())
    router.add(middleware: AuthenticationMiddleware(services: services))
    router.add(middleware: RuntimeSocketMiddleware())
    router.add(middleware: CacheInvalidationMiddleware(services: services))
    APIRoutes.add(to: APIRouter(router: router, table: RouteTable(), services: services))
    return router
}
