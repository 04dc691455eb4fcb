import Catalog
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import Testing

/// The drifts the portal and the API once had, each pinned: both answer the same, because both
/// ask the same policy (``LaunchPolicy``, ``TokenPolicy``, ``AccountPolicy``, ``AppAccess``,
/// ``CaseVisibility``, ``SessionVisibility``).
@Suite struct PortalAPIAgreementTests {
    /// What a status says about access: allowed (anything else), 403 or 404.
    static func verdict(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 403: "403"
        case 404: "404"
        case 401: "401"
        default: status.code >= 500 ? "server error \(status.code)" : "allowed"
        }
    }

    @Test func aHiddenVersionIsLaunchedOnlyByThoseWhoMayPublishTheApp() async throws {
        try await TestGateway.with { client, app in
            let f = try await PortalMatrixFixtures.make(client, app)
            // pat may now launch demo too; alice may launch but not publish it.
            try await app.atrium.catalog.grant(app: "demo", subject: .user(f.api.ids["pat"]!), right: .launch)
            for (caller, expected) in [(MatrixCaller.user, "404"), (.publisher, "allowed"), (.admin, "allowed")] {
                let api = try await f.api.callers[caller]!.request(client, .post, "/api/v1/sessions", json: ["app": "demo", "version": "1.2.0"])
                let form = try await f.sessions[caller]!.post(client, "/apps/demo/launch", ["version": "1.2.0"])
                let page = try await f.sessions[caller]!.get(client, "/apps/demo/launch?version=1.2.0")
                #expect(Self.verdict(api.status) == expected, "API as \(caller): \(api.status) \(api.text.prefix(200))")
                #expect(Self.verdict(form.status) == expected, "portal form as \(caller): \(form.status)")
                #expect(Self.verdict(page.status) == expected, "portal page as \(caller): \(page.status)")
            }
        }
    }

    @Test func tokensLastOneTo365DaysNinetyByDefaultOnBothSides() async throws {
        try await TestGateway.with { client, app in
            let f = try await PortalMatrixFixtures.make(client, app)
            let alice = f.sessions[.user]!, api = f.api.callers[.user]!
            for days in ["0", "366", "3650"] {
                #expect(try await alice.post(client, "/account/tokens", ["name": "t\(days)", "scope": "read", "days": days]).status == .badRequest)
                let refused = try await api.request(client, .post, "/api/v1/tokens", json: ["name": "t\(days)", "scopes": ["read"], "expiresInDays": Int(days)!])
                #expect(refused.status == .badRequest)
            }
            #expect(try await alice.post(client, "/account/tokens", ["name": "portal", "scope": "read"]).status == .ok)
            #expect(try await api.request(client, .post, "/api/v1/tokens", json: ["name": "api", "scopes": ["read"]]).status == .created)
            #expect(try await alice.post(client, "/account/tokens", ["name": "year", "scope": "read", "days": "365"]).status == .ok)
            let tokens = try await app.atrium.catalog.listTokens(userId: f.api.ids["alice"]!)
            for name in ["portal", "api"] {
                let expires = try #require(tokens.first { $0.name == name }?.expiresAt, "\(name) never expires")
                #expect(abs(expires.timeIntervalSinceNow - 90 * 86400) < 600, "\(name): \(expires)")
            }
        }
    }

    @Test func portalRevokeRoleChangeAndDisableTakeEffectAtOnce() async throws {
        try await TestGateway.with { client, app in
            let f = try await PortalMatrixFixtures.make(client, app)
            let catalog = app.atrium.catalog
            // bob revokes his own token in the portal right after using it (so it is cached).
            let bob = f.api.callers[.other]!
            #expect(try await bob.request(client, .get, "/api/v1/me").status == .ok)
            let bobsToken = try #require(try await catalog.listTokens(userId: f.api.ids["bob"]!).first)
            #expect(try await f.sessions[.other]!.post(client, "/account/tokens/revoke", ["id": bobsToken.id]).status == .seeOther)
            #expect(try await bob.request(client, .get, "/api/v1/me").status == .unauthorized)

            // An admin makes pat a plain user: pat's cached token may no longer create apps.
            let pat = f.api.callers[.publisher]!
            #expect(try await pat.request(client, .post, "/api/v1/apps", json: ["name": "first", "title": "First"]).status == .created)
            let admin = f.sessions[.admin]!
            #expect(try await admin.post(client, "/admin/users/\(f.api.ids["pat"]!)/role", ["role": "user"]).status == .seeOther)
            #expect(try await pat.request(client, .post, "/api/v1/apps", json: ["name": "second", "title": "Second"]).status == .forbidden)

            // An admin disables alice: her cached token stops at once.
            let alice = f.api.callers[.user]!
            #expect(try await alice.request(client, .get, "/api/v1/me").status == .ok)
            #expect(try await admin.post(client, "/admin/users/\(f.api.ids["alice"]!)/disabled", ["disabled": "true"]).status == .seeOther)
            #expect(try await alice.request(client, .get, "/api/v1/me").status == .unauthorized)
        }
    }

    @Test func theAPIsDisableEndsPortalSessionsAsThePortalsDoes() async throws {
        try await TestGateway.with { client, app in
            let f = try await PortalMatrixFixtures.make(client, app)
            let disabled = try await f.api.callers[.admin]!.request(client, .patch, "/api/v1/users/\(f.api.ids["bob"]!)", json: ["disabled": true])
            #expect(disabled.status == .ok)
            #expect(try await f.sessions[.other]!.get(client, "/").status == .seeOther)
        }
    }

    @Test func thePublishRightAloneDoesNotShowAnApp() async throws {
        try await TestGateway.with { client, app in
            let f = try await PortalMatrixFixtures.make(client, app)
            try await app.atrium.catalog.grant(app: "demo", subject: .user(f.api.ids["bob"]!), right: .publish)
            let api = try await f.api.callers[.other]!.request(client, .get, "/api/v1/apps/demo")
            let portal = try await f.sessions[.other]!.get(client, "/apps/demo")
            #expect(api.status == .notFound)
            #expect(portal.status == .notFound)
        }
    }

    @Test func caseAndSessionVisibilityAgreeForEveryCaller() async throws {
        try await TestGateway.with { client, app in
            let f = try await PortalMatrixFixtures.make(client, app)
            let caseId = f.api.ids["case"]!, session = f.api.ids["session"]!
            for caller in MatrixCaller.allCases where caller != .anonymous {
                let api = f.api.callers[caller]!, portal = f.sessions[caller]!
                let pairs: [(TestResponse, TestResponse, String)] = [
                    (try await api.request(client, .get, "/api/v1/cases/\(caseId)"), try await portal.get(client, "/cases/\(caseId)"), "case"),
                    (try await api.request(client, .get, "/api/v1/sessions/\(session)/log"),
                     try await portal.get(client, "/sessions/\(session)/log"), "session log"),
                ]
                for (fromAPI, fromPortal, what) in pairs {
                    #expect(Self.verdict(fromAPI.status) == Self.verdict(fromPortal.status),
                            "\(what) as \(caller): API \(fromAPI.status), portal \(fromPortal.status)")
                }
                // Sharing is the owner's: a read share gets 403 from both, anyone else 404.
                let share = try await api.request(client, .put, "/api/v1/cases/\(caseId)/shares",
                                                  json: ["subject": ["kind": "user", "id": f.api.ids["bob"]!], "access": "read"])
                let form = try await portal.post(client, "/cases/\(caseId)/share", ["kind": "user", "name": "bob", "access": "read"])
                #expect(Self.verdict(share.status) == Self.verdict(form.status), "share as \(caller): API \(share.status), portal \(form.status)")
            }
        }
    }
}
