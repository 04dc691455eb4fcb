import Foundation

/// `serve` as a data session of a `FakeGateway` over HTTPS, the setup every gateway-backed test
/// shares: one private work directory with a self-signed certificate, the gateway (its jobs run
/// `solve` on the same app) and `serve` given the gateway's URL, CA file and token.
/// `stop()` ends both and removes the directory.
struct ServeWithGateway: Sendable {
    let work: String
    let certificate: TestCertificate
    let token: String
    let gateway: FakeGateway
    let serve: ServeProcess
    let app: String

    init(app: String = "transport", token: String = "t", extra: [String: String] = [:]) async throws {
        let work = try RuntimeBinary.temporaryDirectory()
        var gateway: FakeGateway?
        do {
            let certificate = try TestCertificate(directory: work)
            let started = try await FakeGateway(certificate: certificate, token: token, solveApp: app, work: work)
            gateway = started
            serve = try await Self.serve(app: app, gateway: started, certificate: certificate, token: token, extra: extra)
            self.certificate = certificate
            self.gateway = started
        } catch {
            gateway?.stop()
            try? FileManager.default.removeItem(atPath: work)
            throw error
        }
        self.work = work
        self.token = token
        self.app = app
    }

    /// Another `serve` of the same app against the same gateway; the caller stops it.
    func anotherServe(extra: [String: String] = [:]) async throws -> ServeProcess {
        try await Self.serve(app: app, gateway: gateway, certificate: certificate, token: token, extra: extra)
    }

    func stop() {
        serve.stop()
        gateway.stop()
        try? FileManager.default.removeItem(atPath: work)
    }

    private static func serve(app: String, gateway: FakeGateway, certificate: TestCertificate, token: String,
                              extra: [String: String]) async throws -> ServeProcess {
        var environment = ["ATRIUM_API_URL": gateway.url, "ATRIUM_CA_FILE": certificate.certificatePath, "ATRIUM_TOKEN": token]
        environment.merge(extra) { $1 }
        return try await ServeProcess(app: app, extra: environment)
    }
}
