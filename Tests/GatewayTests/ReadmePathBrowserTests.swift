import Foundation
import Testing
import TestSupport

/// The README's run path, the way a new user meets it: `atrium serve --demo fixtures/demo`
/// started from a working directory with no `--data` (so DATA is the default, relative
/// `./atrium-data`), then driven in headless Chromium: the forced password change at the first
/// log-on, launch from the catalogue with its progress page, edit, save, solve with progress and
/// the result, reopen an older version, leave and come back, cancel a long solve, an infeasible
/// solve reported as such, and the page an ended session shows. Only the ports are set (through
/// the environment), so the test does not collide with a server already on 8443.
/// Screenshots of each step land in `.build/screenshots/readme-*.png`.
@Suite(.serialized) struct ReadmePathBrowserTests {
    static var repository: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    /// `atrium serve --demo DIR` in `directory`, as scripts/run runs it.
    final class Server {
        let process = Process()
        let stdout: URL
        let stderr: URL
        let base: String

        init(directory: String, port: Int) throws {
            process.executableURL = URL(fileURLWithPath: ServeProcessTests.binary)
            process.arguments = ["serve", "--demo", ReadmePathBrowserTests.repository + "/fixtures/demo"]
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            var environment = ProcessInfo.processInfo.environment
            for key in environment.keys where key.hasPrefix("ATRIUM_") { environment[key] = nil }
            environment["ATRIUM_HTTPS_PORT"] = String(port)
            environment["ATRIUM_HTTP_PORT"] = "off"
            process.environment = environment
            stdout = URL(fileURLWithPath: directory + "/serve.out")
            stderr = URL(fileURLWithPath: directory + "/serve.err")
            _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
            _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: stdout)
            process.standardError = try FileHandle(forWritingTo: stderr)
            base = "https://127.0.0.1:\(port)"
            try process.run()
        }

        var output: String { (try? String(contentsOf: stdout, encoding: .utf8)) ?? "" }
        var log: String { (try? String(contentsOf: stderr, encoding: .utf8)) ?? "" }

        /// The one-time admin password, once the server printed it.
        func oneTimePassword() async throws -> String {
            for _ in 0..<600 {
                if let line = output.split(separator: "\n").first(where: { $0.contains("one-time password") }),
                   let word = line.split(separator: " ").last {
                    return String(word)
                }
                if !process.isRunning { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw WebDriverError("atrium serve printed no one-time password: \(output)\n\(log.suffix(3000))")
        }

        func stop() async {
            process.terminate()
            // Up to 60 s: shutdown stops every session (each runtime has its grace), slow on a loaded machine.
            for _ in 0..<600 where process.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }

    /// Whether `css` matches anything in the page now.
    func exists(_ browser: WebDriver, _ css: String) async throws -> Bool {
        try await browser.executeAsync(
            "const done = arguments[arguments.length - 1]; done(document.querySelector(arguments[0]) !== null);", [css]) as? Bool ?? false
    }

    /// Waits until `css` is shown (not hidden).
    func waitVisible(_ browser: WebDriver, _ css: String) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let shown = try await browser.executeAsync("""
                const done = arguments[arguments.length - 1]; const e = document.querySelector(arguments[0]);
                done(e !== null && !e.hidden && e.offsetParent !== null);
                """, [css]) as? Bool ?? false
            if shown { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw WebDriverError("'\(css)' was not shown on \(try await browser.url)")
    }

    /// From the catalogue to a ready editor of `app`; returns the session's `/s/<id>/` URL.
    func launch(_ browser: WebDriver, _ server: Server, _ app: String) async throws -> String {
        try await browser.open(server.base + "/")
        try await browser.click("#launch-\(app)")
        try await browser.waitFor("#status", toContain: "Connected")
        let url = try await browser.url
        #expect(url.contains(".sessions.localhost:") && url.contains("/s/"), "the launch did not end in the session's own host: \(url)")
        return url
    }

    @Test(.enabled(if: WebDriver.shouldRun, "chromium and chromedriver are not installed"), .timeLimit(.minutes(10)))
    func theReadmeRunPathWorksInChromium() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let server = try Server(directory: dir.path, port: try TestDirectory.freePort())
        let browser: WebDriver
        do { browser = try await WebDriver() } catch {
            await server.stop()
            throw error
        }
        do {
            let oneTime = try await server.oneTimePassword()
            // DATA is the default, made absolute: everything lands in the working directory.
            #expect(FileManager.default.fileExists(atPath: dir.path + "/atrium-data/catalog.sqlite"))
            #expect(server.output.contains("Store: \(dir.path)/atrium-data/store"))

            // First log-on: the one-time password must be replaced before anything else.
            try await browser.open(server.base + "/")
            try await browser.type("#name", "admin")
            try await browser.type("#password", oneTime)
            try await browser.click("#logon")
            _ = try await browser.element("#password-reason")
            try await browser.screenshot("readme-1-forced-password")
            try await browser.open(server.base + "/sessions")
            _ = try await browser.element("#password-form")  // nothing else is reachable yet
            try await browser.type("#current-password", oneTime)
            try await browser.type("#new-password", "a new password 42")
            try await browser.type("#repeat-password", "a new password 42")
            try await browser.click("#change-password")
            try await browser.type("#name", "admin")
            try await browser.type("#password", "a new password 42")
            try await browser.click("#logon")
            _ = try await browser.element("#launch-transport")
            try await browser.screenshot("readme-2-catalogue")

            // Launch from the catalogue: the progress page, then the editor.
            let transport = try await launch(browser, server, "transport")
            try await browser.screenshot("readme-3-editor")

            // Edit, save, solve: progress shows while it runs, then the result.
            let seattle = #"input[data-param="a"][data-key="Seattle"]"#
            try await browser.type(seattle, "400")
            try await browser.click("#case-name")
            try await browser.type("#case-name", "plan-a")
            try await browser.click("#save")
            try await browser.waitFor("#message", toContain: "Saved as version 1")
            try await browser.click("#solve")
            try await waitVisible(browser, "#job")
            try await browser.screenshot("readme-4-solving")
            try await browser.waitFor("#solution-status", toContain: "optimal")
            let objective = try await browser.text("#objective")
            #expect(Double(objective.filter { $0 != "," }) != nil, "objective '\(objective)'")
            #expect(try await exists(browser, "#charts svg"), "no chart of the solution")
            try await browser.screenshot("readme-5-solved")

            // Reopen the older version: the edited value, no solution.
            try await browser.reopen(case: "plan-a", version: 1)
            try await browser.waitFor("#solution-status", toContain: "not solved")
            #expect(try await browser.value(seattle) == "400")
            try await browser.screenshot("readme-6-older-version")

            // Leave (the tab's socket closes) and come back within the reconnect window.
            try await browser.open(server.base + "/")
            try await browser.open(transport)
            try await browser.waitFor("#status", toContain: "Connected")
            try await browser.screenshot("readme-7-reconnected")

            // A long solve can be cancelled from the editor.
            _ = try await launch(browser, server, "long-running")
            try await browser.type("#case-name", "long one")
            try await browser.click("#solve")
            try await waitVisible(browser, "#cancel")
            try await browser.click("#cancel")
            try await browser.waitFor("#job-state", toContain: "ancel")
            try await browser.screenshot("readme-8-cancelled")

            // The infeasible app says so, with no solution table.
            _ = try await launch(browser, server, "infeasible")
            try await browser.type("#case-name", "too much demand")
            try await browser.click("#solve")
            try await browser.waitFor("#solution-status", toContain: "infeasible")
            #expect(try await !exists(browser, "#variables table"), "an infeasible result lists variables")
            try await browser.screenshot("readme-9-infeasible")

            // Stop the transport session in the portal: its address shows the ended page.
            try await browser.open(server.base + "/sessions")
            let id = try #require(transport.split(separator: "/s/").last?.split(separator: "/").first.map(String.init))
            try await browser.click("#stop-\(id)")
            try await browser.waitFor("#flash", toContain: "stopped")
            try await browser.open(transport)
            try await browser.waitFor("h1", toContain: "Session ended")
            // On the session's own host; its links lead back to the portal's address.
            #expect(try await browser.url.hasPrefix("https://\(id).sessions.localhost:"))
            _ = try await browser.element(#"a[href="\#(server.base)/"]"#)
            try await browser.screenshot("readme-10-ended")
        } catch {
            try? await browser.screenshot("readme-failure")
            await browser.quit()
            await server.stop()
            Issue.record("serve log tail: \(server.log.suffix(4000))")
            throw error
        }
        // SIGTERM while the infeasible app's editor still has its socket open: a clean shutdown
        // that records every session's end.
        await server.stop()
        await browser.quit()
        #expect(server.process.terminationStatus == 0, "atrium serve exited with \(server.process.terminationStatus)")
        #expect(!server.log.contains("could not record"), "\(server.log.suffix(3000))")
        #expect(!server.log.contains("left inside a transaction"))
        // Nothing the runtimes were handed was relative: no launch or solve complained of a path.
        #expect(!server.log.contains("Cannot read ./"))
    }
}
