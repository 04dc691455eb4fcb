import Foundation
import Hummingbird

/// The operational routes: `/healthz`, `/readyz` and `/metrics`.
public enum GatewayRoutes {
    /// Adds the operational routes to `router`.
    public static func addOperational<Context: RequestContext>(
        to router: Router<Context>, readiness: ReadinessCheck, metrics: GatewayMetrics
    ) {
        router.get("/healthz") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok")))
        }
        router.get("/readyz") { request, context -> Response in
            let parts = await readiness.run()
            let failing = parts.filter { $0.failure != nil }
            if !failing.isEmpty {
                let detail = failing.map { "\($0.name): \($0.failure!)" }.joined(separator: "; ")
                context.logger.warning("not ready", metadata: ["detail": "\(detail)"])
                throw Problem(status: .serviceUnavailable, detail: detail, title: "Not ready")
            }
            var object: [String: String] = [:]
            for part in parts { object[part.name] = part.state }
            let body = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.exposition()))
            )
        }
    }
}
