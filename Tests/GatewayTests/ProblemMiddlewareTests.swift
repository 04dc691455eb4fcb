import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

/// The error middleware on its own router: an unexpected error becomes a 500 problem that says
/// nothing about its cause.
@Suite struct ProblemMiddlewareTests {
    struct SecretError: Error, CustomStringConvertible {
        var description: String { "password=hunter2 at /etc/secret" }
    }

    @Test func unexpectedErrorsLeakNothing() async throws {
        let router = Router()
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.get("/boom") { _, _ -> String in throw SecretError() }
        router.get("/teapot") { _, _ -> String in throw HTTPError(.badRequest, message: "name must not be empty") }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/boom", method: .get) { response in
                #expect(response.status == .internalServerError)
                #expect(response.headers[.contentType] == "application/problem+json")
                let body = String(decoding: response.body.readableBytesView, as: UTF8.self)
                #expect(!body.contains("hunter2") && !body.contains("/etc"))
                #expect(body.contains(#""status":500"#))
                #expect(response.headers[.init("X-Frame-Options")!] == "DENY")
            }
            try await client.execute(uri: "/teapot", method: .get) { response in
                #expect(response.status == .badRequest)
                let body = String(decoding: response.body.readableBytesView, as: UTF8.self)
                #expect(body == #"{"detail":"name must not be empty","status":400,"title":"Bad Request","type":"about:blank"}"#)
            }
        }
    }
}
