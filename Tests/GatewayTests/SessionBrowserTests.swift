import Catalog
import Foundation
import Gateway
import Testing
import TestSupport

/// The whole path in headless Chromium against a real gateway with the demo loaded: log on,
/// launch the transport app through the portal onto the session's own host, edit a value over the
/// proxied WebSocket, save a case, solve it as an optimization session (real glpsol), see the
/// solution, close the tab and reconnect from the portal, reopen the older version.
@Suite(.serialized) struct SessionBrowserTests {
    static var demo: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
            + "/fixtures/demo"
    }

    @Test(.enabled(if: WebDriver.shouldRun, "chromium and chromedriver are not installed"))
    func launchEditSaveSolveAndReopen() async throws {
        let gateway = try await RunningGateway()
        try await gateway.app.loadDemo(from: Self.demo)
        try await gateway.withBrowser(failureShot: "session-failure") { browser in
            try await PortalBrowserTests().logOn(browser, gateway)
            let catalog = gateway.app.atrium.catalog
            try await browser.click("#launch-transport")
            let seattle = #"input[data-param="a"][data-key="Seattle"]"#
            _ = try await browser.element(seattle)
            #expect(try await browser.url.contains("/s/"))
            try await browser.waitFor("#status", toContain: "Connected")
            try await browser.screenshot("session-open")

            // Edit a supply over the WebSocket: the cell is marked unsaved.
            try await browser.type(seattle, "400")
            try await browser.click("#case-name")
            _ = try await browser.element(#"input.dirty[data-param="a"][data-key="Seattle"]"#)
            try await browser.type("#case-name", "plan-a")
            try await browser.click("#save")
            try await browser.waitFor("#message", toContain: "Saved as version 1")
            let admin = try #require(try await catalog.user(named: "admin"))
            let cases = try await catalog.casesVisible(to: admin.id)
            let saved = try #require(cases.first { $0.name == "plan-a" })
            #expect(saved.headNumber == 1)

            // Solve: a job runs glpsol; its solution comes back as version 2 and shows in the page.
            try await browser.click("#solve")
            try await browser.waitFor("#solution-status", toContain: "optimal")
            let objective = try await browser.text("#objective")
            #expect(Double(objective) != nil, "objective '\(objective)'")
            #expect(try await catalog.caseRecord(id: saved.id)?.headNumber == 2)
            let jobs = try await catalog.listJobs(userId: saved.ownerId, state: .succeeded, limit: 10)
            #expect(jobs.count == 1)
            try await browser.screenshot("session-solved")

            // On the session's own host; close its tab and come back from the portal's list of
            // sessions: the same session, still running, through a new ticket.
            let sessionURL = try #require(URL(string: try await browser.url))
            let host = try #require(sessionURL.host)
            let id = String(host.prefix { $0 != "." })
            #expect(host == "\(id).sessions.localhost")
            let sessionTab = try await browser.window
            let portalTab = try await browser.newTab()
            try await browser.switchTo(window: sessionTab)
            try await browser.closeTab()
            try await browser.switchTo(window: portalTab)
            try await browser.open(gateway.base + "/sessions")
            try await browser.click("#open-\(id)")
            try await browser.waitFor("#status", toContain: "Connected")
            #expect(try await browser.url.hasPrefix("https://\(host):\(gateway.port)/s/\(id)/"))
            #expect(try await browser.value(seattle) == "400")
            try await browser.waitFor("#solution-status", toContain: "optimal")

            // Reopen version 1: the edited value, no solution.
            try await browser.reopen(case: "plan-a", version: 1)
            try await browser.waitFor("#solution-status", toContain: "not solved")
            #expect(try await browser.value(seattle) == "400")

            // The editor's link back: the portal is another site, whose Strict log-on cookie a link
            // from here does not carry; its log-on page finds the browser logged on and goes on.
            try await browser.click("#portal-back")
            try await browser.waitFor("h1", toContain: "Apps")
            #expect(try await browser.url == gateway.base + "/")

            // The portal lists the session; stopping it returns the seat.
            try await browser.open(gateway.base + "/sessions")
            try await browser.waitFor("#sessions", toContain: "ready")
            try await browser.click("#sessions button.danger")
            try await browser.waitFor("#flash", toContain: "stopped")
            #expect(try await catalog.heldSeats().isEmpty)
        }
    }
}
