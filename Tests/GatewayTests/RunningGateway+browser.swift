import TestSupport

extension RunningGateway {
    /// Runs `body` with a headless Chromium, then quits it and stops this gateway, whether `body`
    /// threw or not; a failure is photographed first as `failureShot`, when one is named.
    func withBrowser(failureShot: String? = nil, _ body: (WebDriver) async throws -> Void) async throws {
        let browser: WebDriver
        do { browser = try await WebDriver() } catch {
            try await stop()
            throw error
        }
        do {
            try await body(browser)
        } catch {
            if let failureShot { try? await browser.screenshot(failureShot) }
            await browser.quit()
            try await stop()
            throw error
        }
        await browser.quit()
        try await stop()
    }
}
