import Foundation
import Gateway
import Testing
import TestSupport

/// A configured HTTPS port of 0: `buildApplication` picks the port before it builds anything, so
/// every part made from the configuration names the port the server then listens on.
@Suite struct ChosenPortTests {
    @Test func theChosenPortIsHeldUntilTheServerBindsIt() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let app = try await buildApplication(TestGateway.configuration(dir))
        let port = app.atrium.configuration.httpsPort
        #expect(port != 0)
        #expect(!FreePort.canBind(port), "nothing else may take the port before the server binds it")
        #expect(app.atrium.advertisedURL == "https://127.0.0.1:\(port)")
        #expect(app.atrium.configuration.portalURL == "https://127.0.0.1:\(port)/")
        await app.atrium.catalog.close()
    }

    @Test func theServerListensOnTheChosenPort() async throws {
        let gateway = try await RunningGateway { $0.httpsPort = 0 }
        // RunningGateway waited for /healthz at this port.
        #expect(gateway.port != 0)
        try await gateway.stop()
    }
}
