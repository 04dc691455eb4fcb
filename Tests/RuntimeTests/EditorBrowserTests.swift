#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TestSupport

/// The editor in Chromium, against `serve` and a fake gateway: names, strict numbers whose errors
/// leave once the value is valid, messages that never go stale, the result, the end of the session.
@Suite(.enabled(if: WebDriver.shouldRun, "needs chromium and chromedriver"))
struct EditorBrowserTests {
    @Test func editSaveSolveAndEnd() async throws {
        let session = try await ServeWithGateway()
        defer { session.stop() }
        let serve = session.serve
        let browser = try await WebDriver(headers: ["X-Atrium-Proxy-Secret": serve.secret])
        do {
            try await flow(browser, serve: serve)
        } catch {
            try? await browser.screenshot("editor-failure")
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    /// A running solve shows progress and elapsed time, and its Cancel ends it; "A solve is
    /// already running" (here from a second click) goes with it.
    @Test func cancelARunningSolve() async throws {
        let session = try await ServeWithGateway(app: "long-running")
        defer { session.stop() }
        let serve = session.serve
        let browser = try await WebDriver(headers: ["X-Atrium-Proxy-Secret": serve.secret])
        do {
            try await browser.open(serve.baseURL + "/")
            try await browser.waitUntil("document.querySelector('#status').dataset.state === 'open'")
            try await browser.type("#case-name", "split")
            try await browser.click("#solve")
            try await browser.waitUntil("document.querySelector('#job').dataset.state === 'running'")
            try await browser.waitUntil("/^0:0[1-9]$/.test(document.querySelector('#job-elapsed').textContent)")
            #expect(try await browser.isShown("#job-bar"))
            #expect(try await browser.isShown("#cancel"))
            #expect(try await browser.script("return document.querySelector('#solve').disabled;") as? Bool == true)
            _ = try await browser.script("const b = document.querySelector('#solve'); b.disabled = false; b.click();")
            try await browser.waitUntil("document.querySelector('#message').textContent.startsWith('A solve is already running')")
            try await browser.screenshot("editor-5-running")
            try await browser.click("#cancel")
            try await browser.waitUntil("document.querySelector('#job').dataset.state === 'cancelled'")
            #expect(try await browser.textContent("#job-state") == "Solve cancelled")
            #expect(!(try await browser.isShown("#message")), "the running-solve error went with the solve")
            #expect(!(try await browser.isShown("#cancel")))
            #expect(try await browser.textContent("#solution-status") == "not solved")
            try await browser.screenshot("editor-6-cancelled")
        } catch {
            try? await browser.screenshot("editor-failure")
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    private func flow(_ browser: WebDriver, serve: ServeProcess) async throws {
        let seattle = #"input[data-param="a"][data-key="Seattle"]"#
        let freight = #"input[data-param="f"][data-key=""]"#
        let message = "#message:not([hidden])"
        try await browser.open(serve.baseURL + "/")
        try await browser.waitUntil("document.querySelector('#status').dataset.state === 'open'")

        // The frame and the names.
        #expect(try await browser.textContent("#app-title") == "Transport")
        #expect(try await browser.textContent("#case-label") == "Default data (not saved)")
        #expect(try await browser.script("return document.querySelector('#portal-link').getAttribute('href');") as? String == "/")
        #expect(try await browser.textContent(#".param[data-param="a"] .heading h3"#).hasPrefix("Capacity"))
        #expect(try await browser.textContent(#".param[data-param="a"] .description"#) == "The most cases each plant can ship.")
        #expect(try await browser.textContent(#".set[data-set="I"] .heading h3"#).hasPrefix("Plant"))
        try await browser.screenshot("editor-1-opened")

        // 0x10 is refused as typed, and on leaving the cell; the reason goes once it is a number.
        try await browser.type(seattle, "0x10")
        #expect(try await browser.isShown(#"ul.cell-errors[data-param="a"]"#))
        #expect(try await browser.textContent(#"ul.cell-errors[data-param="a"]"#).contains("'0x10' is not a number"))
        try await browser.click("#case-name")
        try await browser.waitUntil("document.querySelector(arguments[0]) !== null", [message])
        #expect(try await browser.textContent("#message").contains("no hexadecimal"))
        try await browser.screenshot("editor-2-hexadecimal")
        try await browser.type(freight, "1e309")
        try await browser.click("#case-name")
        try await browser.waitUntil("document.querySelector('#message').textContent.includes('too large')")
        try await browser.type(freight, "95")
        // The message turns to the cell still refused, then goes when that one is a number too.
        try await browser.waitUntil("document.querySelector('#message').textContent.includes('0x10')")
        try await browser.type(seattle, "400")
        try await browser.click("#case-name")
        try await browser.waitUntil("document.querySelector('#message').hidden")
        try await browser.waitUntil("document.querySelector(arguments[0]).classList.contains('dirty')", [seattle])
        #expect(try await browser.script("return document.querySelectorAll('input.invalid').length;") as? Int == 0)
        #expect(!(try await browser.isShown(#"ul.cell-errors[data-param="a"]"#)))

        // Save messages always name the version that is open.
        try await browser.type("#case-name", "plan")
        try await browser.click("#save")
        try await browser.waitUntil("document.querySelector('#message').textContent === 'Saved as version 1.'")
        try await browser.type(freight, "90")
        try await browser.click("#case-name")
        try await browser.waitUntil("document.querySelector('#message').hidden", [])
        try await browser.click("#save")
        try await browser.waitUntil("document.querySelector('#message').textContent === 'Saved as version 2.'")

        // Solve: the result replaces the save message; a planner's view of the plan.
        try await browser.click("#solve")
        try await browser.waitUntil("document.querySelector('#solution').dataset.status === 'optimal'")
        #expect(try await browser.textContent("#case-version") == "version 3")
        #expect(!(try await browser.isShown("#message")), "'Saved as version 2.' must not outlive version 2")
        #expect(try await browser.textContent("#solution-status").hasPrefix("optimal"))
        #expect(try await browser.textContent("#objective") == "153.675")
        #expect(try await browser.textContent("#job-state").hasPrefix("Solved: optimal"))
        #expect((try await browser.script("return document.querySelectorAll('#charts svg.chart rect.bar').length;") as? Int ?? 0) >= 3)
        #expect(try await browser.textContent(#"#variables td[data-var="x"][data-key="Seattle,Chicago"]"#) == "300")
        try await browser.screenshot("editor-3-solved")

        // The session stops: the editor says so, links back, and stops reconnecting.
        serve.process.signal(SIGTERM)
        try await browser.waitUntil("document.querySelector('#status').dataset.state === 'ended'")
        #expect(try await browser.isShown("#ended"))
        #expect(try await browser.script("return document.querySelector('#solve').disabled;") as? Bool == true)
        try await browser.screenshot("editor-4-ended")
        try await Task.sleep(for: .seconds(3))
        #expect(try await browser.textContent("#status") == "Session ended", "no reconnecting after the end")
    }
}
