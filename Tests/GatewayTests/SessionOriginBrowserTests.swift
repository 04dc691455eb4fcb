import Catalog
import Foundation
import Gateway
import Testing
import TestSupport

/// A hostile app's page on its own session host, in headless Chromium against a real gateway: the
/// fixture `fixtures/hostile-page` (app `origin-attack`) tries to read the portal's API and pages,
/// mint a token by fetch and by form, plant cookies for the portal and other sessions, read its own
/// HttpOnly pass, frame and open the portal, and reach other paths and sessions; each attempt is a
/// line in its page. Every one fails, and the portal's cookies and tokens are as they were.
@Suite(.serialized) struct SessionOriginBrowserTests {
    static var fixture: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
            + "/fixtures/hostile-page"
    }

    /// Every attempt the page makes (fixtures/hostile-page/README.md), controls included.
    static let attempts = ["config", "same-origin-post", "read-me", "read-me-no-cors", "mint-token", "mint-token-form",
                           "mint-token-form-window", "read-csrf", "cookie-control", "set-cookies", "read-session-cookie",
                           "frame-portal", "other-path-api", "other-path-logon", "other-session-fetch", "other-session-ws",
                           "other-session-ws-own-host", "window-open"]

    /// `name=value` of every cookie the browser holds for the page it shows, sorted.
    static func cookies(_ browser: WebDriver) async throws -> [String] {
        try await browser.cookies().map { "\($0["name"] ?? "")=\($0["value"] ?? "")" }.sorted()
    }

    @Test(.enabled(if: WebDriver.shouldRun, "chromium and chromedriver are not installed"))
    func aHostilePageOnItsSessionHostCannotReachThePortal() async throws {
        let gateway = try await RunningGateway()
        try await gateway.app.loadDemo(from: Self.fixture)
        try await gateway.withBrowser(failureShot: "origin-attack-failure") { browser in
            try await PortalBrowserTests().logOn(browser, gateway)
            let catalog = gateway.app.atrium.catalog
            let admin = try #require(try await catalog.user(named: "admin"))
            let portalCookies = try await Self.cookies(browser)
            #expect(portalCookies.count == 1 && portalCookies[0].hasPrefix(SessionCookie.name + "="))
            // Tokens a user could use (the session's own runtime token, bound to it, is made at launch).
            let userTokens = { try await catalog.listTokens(userId: admin.id).filter { !$0.scopes.contains("session") }.map(\.id) }
            let tokens = try await userTokens()

            try await browser.click("#launch-origin-attack")
            try await browser.waitUntil("document.querySelector('#results') && document.querySelector('#results').dataset.state === 'done'")
            let url = try #require(URL(string: try await browser.url))
            let host = try #require(url.host)
            let session = String(host.prefix { $0 != "." })
            #expect(host == "\(session).sessions.localhost", "the page is on its own host: \(url)")
            #expect(url.absoluteString.contains(":\(gateway.port)/s/\(session)/"))
            #expect(try await browser.windows.count == 1, "the page's pop-ups are closed again")

            let lines = try await browser.textContent("#results").split(separator: "\n").map(String.init)
            for line in lines { print("origin-attack: \(line)") }
            for attempt in Self.attempts {
                #expect(lines.contains { $0.contains(" \(attempt):") }, "no line for \(attempt)")
            }
            let breaches = lines.filter { $0.hasPrefix("BREACHED") || $0.hasPrefix("FAILED") }
            #expect(breaches.isEmpty, "\(breaches)")
            #expect(lines.last == "done")

            // Chromium showed no portal page in the frame (X-Frame-Options, frame-ancestors).
            try await browser.enterFrame("#portal-frame")
            let framed = try await browser.script("return document.documentElement.outerHTML;") as? String ?? ""
            try await browser.leaveFrame()
            #expect(!framed.contains("_csrf") && !framed.contains("logoff"), "the portal rendered in the session's frame")
            // The session's pass is its own host's: HttpOnly, and no cookie of the page's reaches the portal.
            let pass = try await browser.cookies().first { $0["name"] as? String == SessionPassCookie.name }
            #expect(pass?["httpOnly"] as? Bool == true)

            try await browser.open(gateway.base + "/")
            try await browser.waitFor("h1", toContain: "Apps")
            #expect(try await Self.cookies(browser) == portalCookies)
            #expect(try await userTokens() == tokens)
            #expect(try await catalog.listTokens(userId: admin.id).allSatisfy { $0.name != "stolen" })
        }
    }
}
