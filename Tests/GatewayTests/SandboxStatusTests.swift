import Foundation
import Gateway
import HummingbirdTesting
import Sessions
import Store
import Testing

/// What the gateway does with the sandbox's state: on a host where the sandbox is on but cannot be
/// made (here: no bubblewrap where the setting points), launches and solves are refused with a
/// typed 503 that says why and what the admin can do, from the API and the portal alike, and
/// `/readyz` is not ready; with the sandbox turned off, `/readyz` says `"sandbox": "off"` and
/// every portal page shows admins (only them) a warning.
@Suite struct SandboxStatusTests {
    /// A gateway (``TestGateway``'s configuration with `sandbox` changed) and the matrix's world:
    /// alice may launch `demo` and solve her case of it.
    static func with(_ change: (inout SandboxSettings) -> Void,
                     _ body: @Sendable (any TestClientProtocol, AtriumApplication, MatrixFixtures) async throws -> Void) async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var configuration = TestGateway.configuration(dir)
        change(&configuration.sandbox)
        let app = try await buildApplication(configuration)
        try await app.test(.router) { client in
            try await body(client, app, try await MatrixFixtures.make(client, app))
        }
    }

    static let missing = "/nonexistent/atrium-test/bwrap"

    @Test func withoutAWayToMakeASandboxLaunchesAndSolvesAreRefusedInWordsAndReadyzIsNotReady() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let executor = BlockingExecutor()
        let missing = SandboxSettings(bwrapPath: Self.missing)
        let reason = try #require(await SandboxStatus.probe(missing, directory: dir.path, executor: executor))
        #expect(await SandboxStatus.find(missing) { _ in reason } == .unavailable(reason: reason))
        #expect(await SandboxStatus.find(SandboxSettings(enabled: false)) { _ in reason } == .off)
        try await Self.with({ $0.bwrapPath = Self.missing }) { client, app, fixtures in
            #expect(app.atrium.sessions.sandbox == .unavailable(reason: reason))
            let alice = try #require(fixtures.callers[.user])
            let launch = try await alice.request(client, .post, "/api/v1/sessions", json: ["app": "demo"])
            #expect(launch.status == .serviceUnavailable, "\(launch.text)")
            #expect(launch.headers[.contentType] == "application/problem+json")
            let problem = try launch.object()
            #expect(problem["type"] as? String == "urn:atrium:problem:sandbox-unavailable")
            #expect(problem["title"] as? String == "Sandbox unavailable")
            let detail = try #require(problem["detail"] as? String)
            #expect(detail.contains("no sandbox can be made") && detail.contains("no bubblewrap executable at \(Self.missing)"))
            #expect(detail.contains("turn the sandbox off explicitly"))
            #expect(try await app.atrium.catalog.listDataSessions(userId: fixtures.ids["alice"]!, activeOnly: true, limit: 10).isEmpty)

            let solve = try await alice.request(client, .post, "/api/v1/jobs", json: ["case": fixtures.ids["case"]!])
            #expect(solve.status == .serviceUnavailable, "\(solve.text)")
            #expect(try solve.object()["type"] as? String == "urn:atrium:problem:sandbox-unavailable")
            #expect((try solve.object()["detail"] as? String)?.contains("refuses to solve") == true)

            // The portal refuses with the same words: the launch page and the Solve form.
            let portal = try await PortalSession.logon(client, "alice", "alice-password")
            let page = try await portal.get(client, "/apps/demo/launch")
            #expect(page.status == .serviceUnavailable)
            #expect(page.text.contains("no bubblewrap executable at \(Self.missing)"))
            let form = try await portal.post(client, "/cases/\(fixtures.ids["case"]!)/solve", [:])
            #expect(form.status == .serviceUnavailable)
            #expect(form.text.contains("refuses to solve"))
            // alice is no admin: no banner, the refusal says it.
            #expect(!page.text.contains("sandbox-banner"))

            let ready = try await Caller.anonymous.request(client, .get, "/readyz")
            #expect(ready.status == .serviceUnavailable)
            let said = try #require(try ready.object()["detail"] as? String)
            #expect(said.contains("sandbox: no sandbox can be made") && said.contains(Self.missing), "\(said)")

            // Admins see it on every page.
            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            let home = try await admin.get(client, "/")
            #expect(home.text.contains(#"id="sandbox-banner""#) && home.text.contains("no bubblewrap executable at \(Self.missing)"))
        }
    }

    @Test func turnedOffItIsSaidOnReadyzAndToAdminsOnEveryPortalPage() async throws {
        try await Self.with({ $0.enabled = false; $0.bwrapPath = Self.missing }) { client, app, _ in
            #expect(app.atrium.sessions.sandbox == .off)
            let ready = try await Caller.anonymous.request(client, .get, "/readyz")
            #expect(ready.status == .ok)
            #expect(try ready.object()["sandbox"] as? String == "off")

            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            for page in ["/", "/packages", "/admin/users", "/account"] {
                let response = try await admin.get(client, page)
                #expect(response.status == .ok, "\(page)")
                #expect(response.text.contains(#"id="sandbox-banner""#) && response.text.contains("The sandbox is off"), "\(page)")
            }
            for name in ["alice", "pat"] {
                let other = try await PortalSession.logon(client, name, name + "-password")
                for page in ["/", "/packages", "/cases"] {
                    let response = try await other.get(client, page)
                    #expect(response.status == .ok, "\(name) \(page)")
                    #expect(!response.text.contains("sandbox-banner") && !response.text.contains("The sandbox is off"), "\(name) \(page)")
                }
            }
        }
    }

    @Test func onAndWorkingNothingIsShown() async throws {
        try await Self.with({ _ in }) { client, app, _ in
            #expect(app.atrium.sessions.sandbox == .on)
            let ready = try await Caller.anonymous.request(client, .get, "/readyz")
            #expect(ready.status == .ok)
            #expect(try ready.object()["sandbox"] as? String == "on")
            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            #expect(!(try await admin.get(client, "/")).text.contains("sandbox-banner"))
        }
    }
}
