import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

/// Route tests through the composition root (`buildApplication`), without a network.
@Suite struct RouteTests {
    func withApp(_ test: @Sendable (any TestClientProtocol, GatewayConfiguration) async throws -> Void) async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let configuration = TestGateway.configuration(dir)
        let app = try await buildApplication(configuration)
        try await app.test(.router) { client in try await test(client, configuration) }
    }

    static let securityHeaders: [(String, String)] = [
        ("Strict-Transport-Security", "max-age=31536000"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("Content-Security-Policy", "default-src 'self'"),
        ("X-Frame-Options", "DENY"),
    ]

    static func expectSecurityHeaders(_ response: TestResponse) {
        for (name, value) in securityHeaders {
            #expect(response.headers[.init(name)!] == value, "\(name)")
        }
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    @Test func healthz() async throws {
        try await withApp { client, _ in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok")
                Self.expectSecurityHeaders(response)
            }
        }
    }

    @Test func readyzWhenTheStoreIsThere() async throws {
        try await withApp { client, configuration in
            #expect(FileManager.default.fileExists(atPath: configuration.storePath + "/STORE"))
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let object = try Self.json(response)
                #expect(object as? [String: String] == ["store": "ok", "database": "ok", "sandbox": "on"])
            }
        }
    }

    @Test func readyzIs503ProblemWhenTheStoreIsGone() async throws {
        try await withApp { client, configuration in
            try FileManager.default.removeItem(atPath: configuration.storePath)
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try Self.json(response)
                #expect(problem["status"] as? Int == 503)
                #expect(problem["type"] as? String == "about:blank")
                #expect(problem["title"] as? String == "Not ready")
                #expect((problem["detail"] as? String)?.hasPrefix("store: ") == true)
                Self.expectSecurityHeaders(response)
            }
        }
    }

    @Test func unknownRouteIs404Problem() async throws {
        try await withApp { client, _ in
            try await client.execute(uri: "/no/such/thing?x=1", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try Self.json(response)
                #expect(problem["status"] as? Int == 404)
                #expect(problem["title"] as? String == "Not Found")
                Self.expectSecurityHeaders(response)
            }
        }
    }

    @Test func metricsCountRequestsByRouteAndStatus() async throws {
        try await withApp { client, _ in
            _ = try await client.execute(uri: "/healthz", method: .get)
            _ = try await client.execute(uri: "/healthz", method: .get)
            _ = try await client.execute(uri: "/nope", method: .get)
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: response.body)
                #expect(text.contains("process_start_time_seconds "))
                let pages = text.split(separator: "\n").first { $0.hasPrefix("atrium_tls_buffer_pages_bytes ") }
                #expect(pages.flatMap { Double($0.split(separator: " ")[1]) }.map { $0 >= 0 } == true, "\(pages ?? "no TLS buffer gauge")")
                #expect(text.contains(#"atrium_http_requests_total{method="GET",route="/healthz",status="200"} 2"#))
                #expect(text.contains(#"atrium_http_requests_total{method="GET",route="NotFound",status="404"} 1"#))
                #expect(text.contains("atrium_http_request_duration_seconds_bucket{"))
                #expect(!text.contains("/nope"))
            }
        }
    }
}
