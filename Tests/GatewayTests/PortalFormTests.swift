import Catalog
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

/// The portal's management forms through the router: versions (latest, hide, roll back),
/// rights, groups, case sharing and deletion; failures come back as the page with words.
@Suite struct PortalFormTests {
    @Test func versionsAndRightsAreManagedThroughForms() async throws {
        try await TestGateway.with { client, app in
            let catalog = app.atrium.catalog
            let runtime = try await RuntimeAppFixture.register(catalog)
            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            let created = try await admin.post(client, "/apps", ["name": "transport", "title": "Transport <model>"])
            #expect(created.status == .seeOther && created.headers[.location] == "/apps/transport")
            for version in ["1", "2", "3"] {
                try await runtime.version(version, of: "transport")
            }
            let page = try await admin.get(client, "/apps/transport")
            #expect(page.status == .ok)
            #expect(page.text.contains("Transport &lt;model&gt;"))
            #expect(page.text.contains(#"data-upload="/api/v1/apps/transport/versions""#))

            #expect(try await admin.post(client, "/apps/transport/latest", ["version": "1"]).status == .seeOther)
            #expect(try await catalog.app(named: "transport")?.latestVersion == "1")
            let hideLatest = try await admin.post(client, "/apps/transport/hidden", ["version": "1", "hidden": "true"])
            #expect(hideLatest.status == .conflict)
            #expect(hideLatest.text.contains("set another version latest before hiding it"))
            #expect(hideLatest.text.contains(#"<table id="versions">"#))
            #expect(try await admin.post(client, "/apps/transport/latest", ["version": "3"]).status == .seeOther)
            #expect(try await admin.post(client, "/apps/transport/hidden", ["version": "2", "hidden": "true"]).status == .seeOther)
            #expect(try await admin.post(client, "/apps/transport/rollback", [:]).status == .seeOther)
            #expect(try await catalog.app(named: "transport")?.latestVersion == "1", "roll back skips the hidden version 2")
            let none = try await admin.post(client, "/apps/transport/rollback", [:])
            #expect(none.status == .conflict && none.text.contains("no earlier visible version"))

            try await Caller.makeUser(app, "carol")
            let carol = try await PortalSession.logon(client, "carol", "carol-password")
            #expect(try await carol.get(client, "/apps/transport").status == .notFound)
            let unknown = try await admin.post(client, "/apps/transport/rights", ["kind": "user", "name": "nobody", "right": "read", "effect": "allow"])
            #expect(unknown.status == .notFound && unknown.text.contains("There is no user"))
            #expect(try await admin.post(client, "/apps/transport/rights", ["kind": "user", "name": "carol", "right": "read", "effect": "allow"]).status == .seeOther)
            // Reading is not launching: the app is listed under /apps, not in carol's catalogue.
            let carolsApps = try await carol.get(client, "/apps")
            #expect(carolsApps.text.contains(#"<a href="/apps/transport">transport</a>"#))
            #expect(!(try await carol.get(client, "/").text.contains(#"data-app="transport""#)))
            #expect(!(try await carol.get(client, "/apps/transport").text.contains("Set latest")))
            #expect(try await carol.post(client, "/apps/transport/latest", ["version": "3"]).status == .forbidden)
            let carolId = try #require(try await catalog.user(named: "carol")).id
            #expect(try await admin.post(client, "/apps/transport/rights/remove", ["kind": "user", "id": carolId, "right": "read"]).status == .seeOther)
            #expect(try await carol.get(client, "/apps/transport").status == .notFound)
        }
    }

    @Test func groupsAndCaseSharingThroughForms() async throws {
        try await TestGateway.with { client, app in
            let catalog = app.atrium.catalog
            _ = try await catalog.createApp(name: "transport", title: "Transport")
            let alice = try await Caller.makeUser(app, "alice")
            try await Caller.makeUser(app, "bob")
            try await catalog.grant(app: "transport", subject: .user(alice.id), right: .read)
            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            #expect(try await admin.post(client, "/admin/groups", ["name": "planners"]).status == .seeOther)
            let group = try #require(try await catalog.group(named: "planners"))
            #expect(try await admin.post(client, "/admin/groups/\(group.id)/add", ["user": "bob"]).status == .seeOther)
            #expect(try await catalog.members(groupId: group.id).map(\.name) == ["bob"])

            let record = try await catalog.createCase(app: "transport", ownerId: alice.id, name: "plan", head: BlobDigest.of(Array("c".utf8)))
            let alicePortal = try await PortalSession.logon(client, "alice", "alice-password")
            let bobPortal = try await PortalSession.logon(client, "bob", "bob-password")
            #expect(try await bobPortal.get(client, "/cases/\(record.id)").status == .notFound)
            let casePage = try await alicePortal.get(client, "/cases/\(record.id)")
            #expect(casePage.text.contains("/api/v1/cases/\(record.id)/versions/1/content"))
            #expect(try await alicePortal.post(client, "/cases/\(record.id)/share", ["kind": "group", "name": "planners", "access": "read"]).status == .seeOther)
            let shared = try await bobPortal.get(client, "/cases/\(record.id)")
            #expect(shared.status == .ok && !shared.text.contains("Delete this case"))
            #expect(try await bobPortal.get(client, "/cases").text.contains(">plan</a>"))
            #expect(try await bobPortal.post(client, "/cases/\(record.id)/delete", [:]).status == .forbidden)
            let asked = try await alicePortal.post(client, "/cases/\(record.id)/delete", [:])
            #expect(asked.status == .ok && asked.text.contains("Delete case plan?"), "deleting asks first")
            #expect(try await catalog.caseRecord(id: record.id) != nil)
            #expect(try await alicePortal.post(client, "/cases/\(record.id)/delete", ["confirmed": "yes"]).status == .seeOther)
            #expect(try await catalog.caseRecord(id: record.id) == nil)
        }
    }
}
