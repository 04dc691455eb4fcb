import Catalog
import Foundation
import Gateway
import Store
import Testing
import TestSupport

/// The portal's product paths in headless Chromium against a real gateway: the first log-on
/// with the one-time password, the browser's own check of the new-app name (a pattern Chromium
/// compiles with the `v` flag), a launch that fails said in words on the progress page, and a
/// delete that asks first. Screenshots of each step go to `.build/screenshots`.
@Suite(.serialized) struct PortalProductBrowserTests {
    @Test(.enabled(if: WebDriver.shouldRun, "chromium and chromedriver are not installed"))
    func firstLogOnNameCheckLaunchFailureAndConfirmation() async throws {
        let gateway = try await RunningGateway { $0.initialAdminPassword = nil }
        try await gateway.withBrowser(failureShot: "product-failure") { browser in
            let oneTime = try #require(gateway.app.initialAdminPassword)
            let catalog = gateway.app.atrium.catalog

            // First log-on: the password page comes first, and every other page leads back to it.
            try await browser.open(gateway.base + "/logon")
            try await browser.type("#name", "admin")
            try await browser.type("#password", oneTime)
            try await browser.click("#logon")
            try await browser.waitFor("h1", toContain: "Choose a new password")
            try await browser.screenshot("product-1-new-password")
            try await browser.open(gateway.base + "/admin/users")
            try await browser.waitFor("h1", toContain: "Choose a new password")
            try await browser.type("#current-password", oneTime)
            try await browser.type("#new-password", "admin-own-password")
            try await browser.type("#repeat-password", "admin-own-password")
            try await browser.click("#change-password")
            try await browser.waitFor("#flash", toContain: "Your password is changed")
            try await browser.type("#name", "admin")
            try await browser.type("#password", "admin-own-password")
            try await browser.click("#logon")
            try await browser.waitFor("h1", toContain: "Apps")
            try await browser.waitFor("#no-apps", toContain: "Manage apps")
            try await browser.screenshot("product-2-empty-catalogue")

            // The browser itself checks the new app's name: the pattern compiles under the v flag.
            try await browser.open(gateway.base + "/apps")
            try await browser.type("#new-app-name", "Bad Name")
            let check = """
                var done = arguments[arguments.length - 1];
                var input = document.querySelector("#new-app-name");
                done(String(input.validity.patternMismatch) + " " + String(input.checkValidity()));
                """
            #expect(try await browser.executeAsync(check) as? String == "true false", "an invalid name is caught before sending")
            try await browser.type("#new-app-name", "good-name+2.0_x")
            #expect(try await browser.executeAsync(check) as? String == "false true")

            // A launch that cannot start: the progress page says why in words and offers to try again.
            let runtime = try await RuntimeAppFixture.register(catalog, digest: BlobDigest.of(Array("missing".utf8)))
            try await runtime.app("broken", title: "Broken app")
            try await browser.open(gateway.base + "/")
            try await browser.click("#launch-broken")
            try await browser.waitFor("h1", toContain: "Broken app")
            try await browser.waitFor("#launch-state", toContain: "did not start")
            try await browser.waitFor("h1", toContain: "Broken app did not start")
            let error = try await browser.text("#launch-error")
            #expect(!error.isEmpty && !error.contains("/work") && !error.contains("exit code"), "'\(error)'")
            _ = try await browser.element("#launch-again")
            try await browser.screenshot("product-3-launch-failed")
            #expect(try await catalog.heldSeats().isEmpty, "a failed launch returns its seat")

            // Deleting a case asks first, on a page of its own; "keep" changes nothing.
            let me = try #require(try await catalog.user(named: "admin"))
            let plan = try await catalog.createCase(app: "broken", ownerId: me.id, name: "plan", head: runtime.digest)
            try await browser.open(gateway.base + "/cases/\(plan.id)")
            try await browser.click("#delete-case")
            try await browser.waitFor("h1", toContain: "Delete case plan?")
            try await browser.screenshot("product-4-confirm-delete")
            try await browser.click("#keep")
            try await browser.waitFor("h1", toContain: "Case plan")
            #expect(try await catalog.caseRecord(id: plan.id) != nil)
            try await browser.click("#delete-case")
            try await browser.click("#confirm")
            try await browser.waitFor("#flash", toContain: "Case plan deleted.")
            #expect(try await catalog.caseRecord(id: plan.id) == nil)
        }
    }
}
