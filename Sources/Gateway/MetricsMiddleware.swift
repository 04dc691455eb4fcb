import Hummingbird

/// Records every request in ``GatewayMetrics`` by method, matched route pattern (never the raw
/// path, which would let callers create unbounded label values) and status. Requests that match
/// no route are labelled `NotFound`, as Hummingbird names them.
public struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: GatewayMetrics

    public init(metrics: GatewayMetrics) {
        self.metrics = metrics
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        metrics.record(
            method: request.method.rawValue,
            route: context.endpointPath ?? "NotFound",
            status: response.status.code,
            duration: ContinuousClock.now - start
        )
        return response
    }
}
