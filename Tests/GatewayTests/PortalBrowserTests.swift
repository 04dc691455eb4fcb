import Catalog
import Foundation
import Gateway
import Testing
import TestSupport

/// The portal in headless Chromium (Debian `chromium` + `chromium-driver`) over WebDriver,
/// against a real HTTPS gateway: a person's path through the pages, JavaScript included.
@Suite(.serialized) struct PortalBrowserTests {
    @Test(.enabled(if: WebDriver.shouldRun, "chromium and chromedriver are not installed"))
    func adminLogsOnSeesTheAppsAndCreatesAUser() async throws {
        let gateway = try await RunningGateway()
        try await gateway.withBrowser { browser in
            try await logOn(browser, gateway)
            try await browser.open(gateway.base + "/admin/users")
            try await browser.type("#new-user-name", "dora")
            try await browser.type("#new-user-display", "Dora <D.>")
            try await browser.type("#new-user-password", "dora-password-1")
            try await browser.select("#new-user-role", "publisher")
            try await browser.click("#create-user")
            try await browser.waitFor("#flash", toContain: "User dora created.")
            try await browser.waitFor("#users", toContain: "Dora <D.>")
            let dora = try #require(try await gateway.app.atrium.catalog.user(named: "dora"))
            #expect(dora.role == .publisher)

            // A failing action says why, in words, on the same page.
            try await browser.type("#new-user-name", "dora")
            try await browser.type("#new-user-password", "another-password")
            try await browser.click("#create-user")
            try await browser.waitFor("#error", toContain: "dora")

            try await browser.click("#logoff")
            try await browser.waitFor("#flash", toContain: "You are logged off.")
        }
    }

    /// Logs on as admin through the form and waits for the app list.
    func logOn(_ browser: WebDriver, _ gateway: RunningGateway) async throws {
        try await browser.open(gateway.base + "/logon")
        try await browser.type("#name", "admin")
        try await browser.type("#password", TestGateway.adminPassword)
        try await browser.click("#logon")
        try await browser.waitFor("h1", toContain: "Apps")
        _ = try await browser.element("#no-apps, #apps")
    }
}
