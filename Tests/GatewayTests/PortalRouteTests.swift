import Catalog
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The portal's pages through Hummingbird's router test client: log-on, CSRF, roles, escaping.
@Suite struct PortalRouteTests {
    @Test func logOnFormSetsASecureCookieAndShowsTheApps() async throws {
        try await TestGateway.with { client, _ in
            let form = try await client.execute(uri: "/logon", method: .get) { $0 }
            #expect(form.status == .ok)
            #expect(form.headers[.contentType] == "text/html; charset=utf-8")
            #expect(form.text.contains(#"<form method="post" action="/logon""#))
            #expect(form.headers[.contentSecurityPolicy] == "default-src 'self'")
            #expect(!form.text.contains("<script>") && !form.text.contains("style="))

            let body = PortalSession.encode(["name": "admin", "password": TestGateway.adminPassword])
            let logon = try await client.execute(uri: "/logon", method: .post, headers: PortalSession.formHeaders(origin: "https://localhost"),
                                                 body: ByteBuffer(string: body)) { $0 }
            #expect(logon.status == .seeOther)
            #expect(logon.headers[.location] == "/")
            let cookie = try #require(logon.headers[.setCookie])
            for attribute in ["__Host-atrium_session=ats_", "Secure", "HttpOnly", "SameSite=Strict"] {
                #expect(cookie.contains(attribute), "\(attribute) in \(cookie)")
            }
            let session = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            let home = try await session.get(client, "/")
            #expect(home.status == .ok)
            #expect(home.text.contains("<h1>Apps</h1>"))
            #expect(home.text.contains(#"href="/admin/users""#))
            #expect(!session.csrf.isEmpty)
        }
    }

    @Test func logOnFromAnotherOriginOrWithAWrongPasswordIsRefusedInWords() async throws {
        try await TestGateway.with { client, _ in
            let body = ByteBuffer(string: PortalSession.encode(["name": "admin", "password": TestGateway.adminPassword]))
            for origin in ["https://evil.example", "http://localhost", nil] {
                let response = try await client.execute(uri: "/logon", method: .post, headers: PortalSession.formHeaders(origin: origin), body: body) { $0 }
                #expect(response.status == .forbidden, "origin \(origin ?? "none")")
                #expect(response.headers[.setCookie] == nil)
                #expect(response.text.contains("sent from another site"))
            }
            let wrong = ByteBuffer(string: PortalSession.encode(["name": "admin", "password": "not-it"]))
            let response = try await client.execute(uri: "/logon", method: .post, headers: PortalSession.formHeaders(origin: "https://localhost"), body: wrong) { $0 }
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("The name or password is wrong"))
            #expect(!response.text.contains("not-it"))
        }
    }

    @Test func formsNeedTheSessionsCSRFToken() async throws {
        try await TestGateway.with { client, app in
            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            let fields = ["name": "bob", "password": "bob-password-1", "role": "user"]
            let missing = try await admin.post(client, "/admin/users", fields, csrf: .some(nil))
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("security token is missing or out of date"))
            let wrong = try await admin.post(client, "/admin/users", fields, csrf: "forged-token")
            #expect(wrong.status == .forbidden)
            #expect(try await app.atrium.catalog.user(named: "bob") == nil)
            let right = try await admin.post(client, "/admin/users", fields)
            #expect(right.status == .seeOther)
            #expect(right.headers[.location] == "/admin/users")
            #expect(try await app.atrium.catalog.user(named: "bob") != nil)
            // The message travels once in a cookie and shows on the next page.
            var next = admin
            let flash = try #require(right.headers[values: .setCookie].first { $0.hasPrefix("atrium_flash=") })
            next.cookie += "; " + String(try #require(flash.split(separator: ";").first))
            let page = try await next.get(client, "/admin/users")
            #expect(page.text.contains("User bob created."))

            let logoffWithout = try await admin.post(client, "/logoff", [:], csrf: .some(nil))
            #expect(logoffWithout.status == .forbidden)
            let logoff = try await admin.post(client, "/logoff", [:])
            #expect(logoff.status == .seeOther)
            #expect(try await admin.get(client, "/").headers[.location] == "/logon")
        }
    }

    @Test func anonymousCallersGoToLogOnAndUsersMayNotAdminister() async throws {
        try await TestGateway.with { client, app in
            for path in ["/", "/cases", "/admin/users", "/account", "/audit"] {
                let response = try await client.execute(uri: path, method: .get) { $0 }
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers[.location] == "/logon")
            }
            try await Caller.makeUser(app, "carol")
            let carol = try await PortalSession.logon(client, "carol", "carol-password")
            for path in ["/admin/users", "/admin/groups", "/admin/keys", "/audit"] {
                let response = try await carol.get(client, path)
                #expect(response.status == .forbidden, "\(path)")
                #expect(response.text.contains("This page is for admins only; your role is user."))
            }
            let post = try await carol.post(client, "/admin/users", ["name": "eve", "password": "eve-password"])
            #expect(post.status == .forbidden)
            #expect(try await app.atrium.catalog.user(named: "eve") == nil)
            #expect(!(try await carol.get(client, "/").text.contains(#"href="/admin/users""#)))
        }
    }

    @Test func everythingShownIsEscaped() async throws {
        try await TestGateway.with { client, app in
            _ = try await app.atrium.catalog.createUser(name: "mallory", displayName: "<script>alert(1)</script>", password: "mallory-password", role: .user)
            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            let users = try await admin.get(client, "/admin/users")
            #expect(users.status == .ok)
            #expect(users.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!users.text.contains("<script>alert(1)"))
            let mallory = try await PortalSession.logon(client, "mallory", "mallory-password")
            let home = try await mallory.get(client, "/")
            #expect(!home.text.contains("<script>alert(1)"))
        }
    }

    @Test func failedActionsSayWhatWentWrongAndEveryPageRenders() async throws {
        try await TestGateway.with { client, app in
            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            for path in ["/", "/cases", "/packages", "/admin/users", "/admin/groups", "/admin/keys", "/audit", "/account"] {
                let page = try await admin.get(client, path)
                #expect(page.status == .ok, "\(path): \(page.text)")
                #expect(page.text.contains("</main>"), "\(path)")
            }
            let duplicate = try await admin.post(client, "/admin/users", ["name": "admin", "password": "whatever-1"])
            #expect(duplicate.status == .conflict)
            #expect(duplicate.text.contains(#"id="error""#))
            #expect(duplicate.text.contains("<table id=\"users\">"))
            let missing = try await admin.get(client, "/apps/nope")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("There is no app"))

            let token = try await admin.post(client, "/account/tokens", ["name": "ci", "scope": "read", "days": "30"])
            #expect(token.status == .ok)
            let secret = try #require(token.text.range(of: #"id="new-token">"#).map { token.text[$0.upperBound...].prefix(while: { $0 != "<" }) })
            #expect(secret.hasPrefix("atr_"))
            #expect(try await app.atrium.catalog.authenticate(token: String(secret)) != nil)
            #expect(!(try await admin.get(client, "/account").text.contains(String(secret))))

            let css = try await client.execute(uri: "/static/portal.css", method: .get) { $0 }
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            let js = try await client.execute(uri: "/static/portal.js", method: .get) { $0 }
            #expect(js.status == .ok && js.text.contains("X-CSRF-Token"))
        }
    }
}
