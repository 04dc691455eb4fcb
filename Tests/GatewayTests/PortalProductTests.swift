import Catalog
import Foundation
@testable import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

/// The portal as a product (issue 12 §3 and §4) through the router: the forced password change,
/// the launch catalogue and progress page, confirmations before destructive actions, a solve
/// without solution shown as a warning, the license's reason, names instead of ids, and form
/// errors in words that keep what was typed.
@Suite struct PortalProductTests {
    /// Logs on through the form and returns the cookie (the home page may redirect).
    static func cookie(_ client: any TestClientProtocol, _ name: String, _ password: String) async throws -> String {
        let response = try await client.execute(uri: "/logon", method: .post, headers: PortalSession.formHeaders(origin: "https://localhost"),
                                                body: ByteBuffer(string: PortalSession.encode(["name": name, "password": password]))) { $0 }
        #expect(response.status == .seeOther, "log-on of \(name): \(response.text)")
        let setCookie = try #require(response.headers[.setCookie])
        return String(try #require(setCookie.split(separator: ";").first))
    }

    @Test func theFirstRunAdminMustChooseANewPasswordBeforeAnythingElse() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var configuration = TestGateway.configuration(dir)
        configuration.initialAdminPassword = nil
        let app = try await buildApplication(configuration)
        let oneTime = try #require(app.initialAdminPassword)
        #expect(try await app.atrium.catalog.user(named: "admin")?.mustChangePassword == true)
        try await app.test(.router) { client in
            let cookie = try await Self.cookie(client, "admin", oneTime)
            var session = PortalSession(cookie: cookie, csrf: "")
            // Every page and form leads to the password page; nothing else is reachable.
            for path in ["/", "/apps", "/cases", "/sessions", "/jobs", "/account", "/admin/users", "/audit", "/admin/license"] {
                let page = try await session.get(client, path)
                #expect(page.status == .seeOther && page.headers[.location] == "/account/new-password", "\(path)")
            }
            let form = try await session.get(client, "/account/new-password")
            #expect(form.status == .ok)
            #expect(form.text.contains("one-time password") && !form.text.contains(#"href="/admin/users""#))
            session.csrf = try #require(PortalSession.csrf(in: form.text))
            let create = try await session.post(client, "/admin/users", ["name": "eve", "password": "eve-password-1"])
            #expect(create.status == .seeOther && create.headers[.location] == "/account/new-password")
            #expect(try await app.atrium.catalog.user(named: "eve") == nil)

            // The API refuses the same portal session, except who-am-I and the password change.
            let headers: HTTPFields = [.cookie: cookie, .csrfToken: session.csrf]
            let apps = try await client.execute(uri: "/api/v1/apps", method: .get, headers: headers) { $0 }
            #expect(apps.status == .forbidden && apps.text.contains("Choose a new password first"))
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: headers) { $0 }.status == .ok)

            // Mistakes are said in words and change nothing.
            let differ = try await session.post(client, "/account/new-password", ["current": oneTime, "new": "my-own-pass-1", "repeat": "my-own-pass-2"])
            #expect(differ.status == .badRequest && differ.text.contains("differ"))
            let same = try await session.post(client, "/account/new-password", ["current": oneTime, "new": oneTime, "repeat": oneTime])
            #expect(same.status == .badRequest && same.text.contains("other than the current one"))
            let wrong = try await session.post(client, "/account/new-password", ["current": "not-it-at-all", "new": "my-own-pass-1", "repeat": "my-own-pass-1"])
            #expect(wrong.status == .forbidden && wrong.text.contains("current password is wrong"))
            #expect(try await app.atrium.catalog.user(named: "admin")?.mustChangePassword == true)

            let changed = try await session.post(client, "/account/new-password", ["current": oneTime, "new": "my-own-pass-1", "repeat": "my-own-pass-1"])
            #expect(changed.status == .seeOther && changed.headers[.location] == "/logon")
            #expect(try await app.atrium.catalog.user(named: "admin")?.mustChangePassword == false)
            let admin = try await PortalSession.logon(client, "admin", "my-own-pass-1")
            let home = try await admin.get(client, "/")
            #expect(home.status == .ok && home.text.contains(#"href="/admin/users""#))
        }
    }

    @Test func anOperatorsConfiguredPasswordNeedsNoChange() async throws {
        try await TestGateway.with { client, app in
            #expect(app.initialAdminPassword == nil)
            #expect(try await app.atrium.catalog.user(named: "admin")?.mustChangePassword == false)
            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            #expect(try await admin.get(client, "/").status == .ok)
        }
    }

    /// Apps alpha (read and launch, with a version), beta (read only), gamma (launch, no version).
    static func apps(_ app: AtriumApplication, for user: User) async throws {
        let catalog = app.atrium.catalog
        let runtime = try await RuntimeAppFixture.register(catalog)
        for (name, rights, versioned) in [("alpha", [Right.read, .launch], true), ("beta", [.read], true), ("gamma", [.read, .launch], false)] {
            try await runtime.app(name, title: name.capitalized + " planning",
                                  description: name == "alpha" ? "Plans the alpha plants' weekly runs." : "", versions: versioned ? ["1"] : [])
            for right in rights { try await catalog.grant(app: name, subject: .user(user.id), right: right) }
        }
    }

    @Test func theHomeCatalogueListsTheAppsTheUserMayLaunchWithLaunchFirst() async throws {
        try await TestGateway.with { client, app in
            let carol = try await Caller.makeUser(app, "carol")
            try await Caller.makeUser(app, "dave")
            let dave = try await PortalSession.logon(client, "dave", "dave-password")
            let empty = try await dave.get(client, "/")
            #expect(empty.text.contains(#"id="no-apps""#) && empty.text.contains("ask an admin for access"))
            #expect(!empty.text.contains("New app"), "the admin form is not on the home page")

            try await Self.apps(app, for: carol)
            let portal = try await PortalSession.logon(client, "carol", "carol-password")
            let home = try await portal.get(client, "/")
            #expect(home.text.contains(#"data-app="alpha""#))
            #expect(home.text.contains(#"href="/apps/alpha/launch" id="launch-alpha""#))
            #expect(home.text.contains("Alpha planning"))
            #expect(home.text.contains(#"<p class="description">Plans the alpha plants&#39; weekly runs.</p>"#)
                    || home.text.contains(#"<p class="description">Plans the alpha plants&#x27; weekly runs.</p>"#),
                    "the catalogue shows what the app is for")
            #expect(!home.text.contains(#"data-app="beta""#), "read only: not launchable")
            #expect(!home.text.contains(#"data-app="gamma""#), "no version: nothing to launch")
            #expect(!home.text.contains(#"id="admin-menu""#), "a user has no administration menu")
            #expect(home.text.contains(#"id="account-link""#))

            // The app page offers Launch; an app the user only reads says how to get it.
            #expect(try await portal.get(client, "/apps/alpha").text.contains(#"href="/apps/alpha/launch""#))
            let beta = try await portal.get(client, "/apps/beta")
            #expect(!beta.text.contains("/apps/beta/launch") && beta.text.contains("ask an admin for the launch right"))

            // The launch page checks what the API checks, before any script runs.
            let launch = try await portal.get(client, "/apps/alpha/launch")
            #expect(launch.status == .ok && launch.text.contains(#"data-launch="alpha""#) && launch.text.contains("Starting Alpha planning"))
            #expect(launch.text.contains("<noscript>") && !launch.text.contains("<script>"))
            let refused = try await portal.get(client, "/apps/beta/launch")
            #expect(refused.status == .forbidden && refused.text.contains("You may not launch"))
            let noVersion = try await portal.get(client, "/apps/gamma/launch")
            #expect(noVersion.status == .conflict && noVersion.text.contains("no version to launch yet"))

            // Open in app: the case's page links to the launch with the case, which the page carries on.
            let plan = try await app.atrium.catalog.createCase(app: "alpha", ownerId: carol.id, name: "plan", head: BlobDigest.of(Array("c".utf8)))
            let casePage = try await portal.get(client, "/cases/\(plan.id)")
            #expect(casePage.text.contains(#"href="/apps/alpha/launch?case=\#(plan.id)" id="open-in-app""#))
            let withCase = try await portal.get(client, "/apps/alpha/launch?case=\(plan.id)")
            #expect(withCase.status == .ok && withCase.text.contains(#"data-case="\#(plan.id)""#) && withCase.text.contains("with case plan"))
            let notTheirs = try await dave.get(client, "/apps/alpha/launch?case=\(plan.id)")
            #expect(notTheirs.status == .notFound || notTheirs.status == .forbidden)
        }
    }

    @Test func adminsHaveTheirMenuApartAndNewAppsAreMadeUnderManageApps() async throws {
        try await TestGateway.with { client, app in
            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            let home = try await admin.get(client, "/")
            let menu = try #require(home.text.range(of: #"id="admin-menu""#))
            #expect(home.text[menu.upperBound...].contains(#"href="/admin/users""#))
            #expect(home.text.contains("No apps to launch yet") && home.text.contains(#"href="/apps""#))

            // A bad name: the error is in words, not a regular expression, and the form keeps it.
            let bad = try await admin.post(client, "/apps", ["name": "Bad Name", "title": "My <model>"])
            #expect(bad.status == .badRequest)
            let error = try #require(bad.text.range(of: #"id="error">"#).map { bad.text[$0.upperBound...].prefix(while: { $0 != "<" }) })
            #expect(error.contains("lower-case letters") && !error.contains("[a-z"), "\(error)")
            #expect(bad.text.contains(#"value="Bad Name""#) && bad.text.contains(#"value="My &lt;model&gt;""#))
            // The browser check is a valid pattern for the v flag (a bare '-' in a class is not).
            #expect(bad.text.contains(#"pattern="[a-z0-9][a-z0-9._+\-]*""#))

            let key = try await admin.post(client, "/admin/keys", ["publicKey": "not a key"])
            #expect(key.status == .badRequest && key.text.contains(">not a key</textarea>"), "a refused key stays in its box")

            #expect(try await admin.post(client, "/apps", ["name": "solo", "title": "Solo"]).status == .seeOther)
            let runtime = try await RuntimeAppFixture.register(app.atrium.catalog)
            try await runtime.version("1", of: "solo")
            // One version: nothing to roll back to, and the latest cannot be hidden.
            let one = try await admin.get(client, "/apps/solo")
            #expect(!one.text.contains(#"id="rollback""#) && !one.text.contains(#"id="hide-1""#))
            try await runtime.version("2", of: "solo")
            try await app.atrium.catalog.setLatest(app: "solo", version: "2")
            let two = try await admin.get(client, "/apps/solo")
            #expect(two.text.contains("Roll back to version 1") && two.text.contains(#"id="hide-1""#) && !two.text.contains(#"id="hide-2""#))
        }
    }

    @Test func destructiveActionsAskFirst() async throws {
        try await TestGateway.with { client, app in
            let catalog = app.atrium.catalog
            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            try await RuntimeAppFixture.register(catalog)
            let asked = try await admin.post(client, "/packages/delete", ["name": "rt", "version": "1.0.0"])
            #expect(asked.status == .ok && asked.text.contains("Delete package rt 1.0.0?"))
            #expect(asked.text.contains(#"name="confirmed" value="yes""#) && asked.text.contains(#"href="/packages" id="keep""#))
            #expect(try await catalog.package(name: "rt", version: "1.0.0") != nil, "nothing deleted before the answer")
            #expect(try await admin.post(client, "/packages/delete", ["name": "rt", "version": "1.0.0", "confirmed": "yes"]).status == .seeOther)
            #expect(try await catalog.package(name: "rt", version: "1.0.0") == nil)

            // A job in the future stays queued: cancelling it asks first too.
            let runtime = try await RuntimeAppFixture.register(catalog)
            try await runtime.app("alpha", title: "Alpha")
            let me = try #require(try await catalog.user(named: "admin"))
            let plan = try await catalog.createCase(app: "alpha", ownerId: me.id, name: "plan", head: runtime.digest)
            let job = try await catalog.submitJob(userId: me.id, app: "alpha", appVersion: "1", caseId: plan.id, inputNumber: 1, priority: 5,
                                                  timeoutSeconds: 60, scheduledAt: Date().addingTimeInterval(86_400), sessionId: nil, by: .user(me.id))
            let cancel = try await admin.post(client, "/jobs/\(job.id)/cancel", [:])
            #expect(cancel.status == .ok && cancel.text.contains("Cancel job \(job.id)?"))
            #expect(try await catalog.job(id: job.id)?.state == .queued)
            #expect(try await admin.post(client, "/jobs/\(job.id)/cancel", ["confirmed": "yes"]).status == .seeOther)
            #expect(try await catalog.job(id: job.id)?.state == .cancelled)
        }
    }

    @Test func aSolveWithoutSolutionIsAWarningNotASuccess() async throws {
        try await TestGateway.with { client, app in
            let catalog = app.atrium.catalog
            let runtime = try await RuntimeAppFixture.register(catalog)
            try await runtime.app("infeasible", title: "Infeasible")
            let me = try #require(try await catalog.user(named: "admin"))
            let plan = try await catalog.createCase(app: "infeasible", ownerId: me.id, name: "plan", head: runtime.digest)
            // Due only in an hour, and claimed as if then: the gateway's own runner, which wakes on
            // every submit, leaves it to this test.
            let later = Date().addingTimeInterval(3600)
            _ = try await catalog.submitJob(userId: me.id, app: "infeasible", appVersion: "1", caseId: plan.id, inputNumber: 1, priority: 5,
                                            timeoutSeconds: 60, scheduledAt: later, sessionId: nil, by: .user(me.id))
            let running = try #require(try await catalog.claimNextJob(node: "test-node", leaseUntil: later.addingTimeInterval(60), now: later))
            let saved = try await catalog.saveJobResult(id: running.id, node: "test-node", attempt: running.attempts, caseId: plan.id,
                                                        expectedHead: runtime.digest, newHead: BlobDigest.of(Array("r".utf8)), number: 2, size: 1,
                                                        resultStatus: "infeasible", by: .system)
            #expect(saved?.1.foundSolution == false)

            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            let list = try await admin.get(client, "/jobs")
            #expect(list.text.contains(#"<td class="state warn">solved: infeasible</td>"#), "\(list.text)")
            #expect(!list.text.contains(">succeeded<"))
            let page = try await admin.get(client, "/jobs/\(running.id)")
            #expect(page.text.contains(#"id="job-state" class="state warn">solved: infeasible"#))
            #expect(page.text.contains(#"id="no-solution""#) && page.text.contains("constraints cannot all hold"))
            #expect(!page.text.contains("solution saved as"), "no solution is offered")
            #expect(page.text.contains("(ran on node test-node)") && !page.text.contains("placed on"))
        }
    }

    @Test func theLicensePageSaysWhyAnInstalledLicenseDoesNotCountAndShowsNames() async throws {
        try await TestGateway.with { client, app in
            let catalog = app.atrium.catalog
            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            let none = try await admin.get(client, "/admin/license")
            #expect(none.text.contains("No license is installed") && !none.text.contains("does not count"))

            _ = try await catalog.installLicense(id: "broken", licensee: "Acme", keyId: "k1", envelopeJSON: "{}",
                                                 limits: SeatLimits(dataSessions: 5, optimizationSessions: 5, namedUsers: 5), apps: nil,
                                                 issuedAt: Date().addingTimeInterval(-60), expiresAt: Date().addingTimeInterval(86_400), by: .system)
            let page = try await admin.get(client, "/admin/license")
            let state = try #require(page.text.range(of: #"id="license-state""#).map { page.text[$0.upperBound...].prefix(while: { $0 != "\n" }) })
            #expect(state.contains("does not count: ") && !state.contains("does not count: ."), "\(state)")

            // Seats and the audit log name people, not ids.
            let carol = try await Caller.makeUser(app, "carol")
            _ = try await catalog.createApp(name: "alpha", title: "Alpha")
            _ = try await catalog.takeSeat(kind: .data, holder: "s1", userId: carol.id, app: "alpha", node: "n1",
                                           limits: SeatLimits(dataSessions: nil, optimizationSessions: nil, namedUsers: nil),
                                           leaseUntil: Date().addingTimeInterval(60))
            let seats = try await admin.get(client, "/admin/license")
            #expect(seats.text.contains("<td>carol</td>") && !seats.text.contains(carol.id))
            let adminUser = try #require(try await catalog.user(named: "admin"))
            try await catalog.setRole(userId: carol.id, role: .publisher, by: .user(adminUser.id))
            let audit = try await admin.get(client, "/audit")
            #expect(audit.text.contains("user carol") && !audit.text.contains("user:\(carol.id)"))
        }
    }
}
