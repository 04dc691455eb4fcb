#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// What the editor's page and socket give the browser: the frame, the app's names, strict
/// numbers, the end of the session.
@Suite struct EditorPageTests {
    @Test func pageHasTheFrameUnderTheContentPolicy() async throws {
        let serve = try await ServeProcess()
        defer { serve.stop() }
        let page = try await serve.get("/", secret: serve.secret)
        #expect(page.status == 200)
        for hook in [#"id="app-title""#, #"id="case-label""#, #"id="case-version""#, #"id="portal-link" href="../../""#,
                     #"id="status""#, #"id="message""#, #"id="job""#, #"id="job-bar""#, #"id="job-elapsed""#, #"id="cancel""#,
                     #"id="solution-status""#, #"id="objective""#, #"id="charts""#, #"id="variables""#, #"id="ended""#] {
            #expect(page.body.contains(hook), "the page lacks \(hook)")
        }
        #expect(page.headers["Content-Security-Policy"].first == "default-src 'self'")
        // Nothing the policy would block: no inline script, style or handler.
        #expect(!page.body.contains("<style"))
        #expect(!page.body.contains("style="))
        #expect(!page.body.contains(" on"), "no inline event handlers")
        let scripts = page.body.components(separatedBy: "<script").dropFirst()
        #expect(scripts.count == 3)
        for script in scripts { #expect(script.hasPrefix(#" src=""#), "every script is a file") }
        #expect(!page.body.contains("http"), "the page loads nothing from elsewhere")
        for file in ["/app.js", "/number.js", "/chart.js", "/style.css"] {
            #expect(try await serve.get(file, secret: serve.secret).status == 200, "\(file)")
        }
    }

    @Test func appComesFirstWithTitleAndDescriptions() async throws {
        let serve = try await ServeProcess(extra: ["ATRIUM_APP_VERSION": "7"])
        defer { serve.stop() }
        let socket = serve.socket()
        defer { socket.close() }
        let app = try #require(await socket.next("app")?["app"] as? [String: Any])
        #expect(await socket.next("case") != nil)
        #expect(await socket.types().prefix(2) == ["app", "case"])
        #expect(app["title"] as? String == "Transport")
        #expect(app["version"] as? String == "7")
        #expect(app["portal"] as? String == "/")
        #expect(app["objective"] as? String == "cost")
        let descriptions = try #require(app["descriptions"] as? [String: String])
        #expect(descriptions["a"] == "The most cases each plant can ship.")
        #expect(descriptions["I"] == "The canning plants that ship the cases.")
        #expect((app["labels"] as? [String: String])?["J"] == "Market")
        let charts = try #require(app["charts"] as? [[String: Any]])
        #expect(charts.first?["variable"] as? String == "x")
    }

    @Test func editsRefuseHexadecimalAndOverflowThenTakeTheCorrection() async throws {
        try await ServeProcess.withEditor { serve, socket in
            try socket.send(["op": "set", "param": "a", "key": ["Seattle"], "value": "0x10"])
            let hex = try #require(await socket.next("error"))
            #expect(hex["op"] as? String == "set")
            #expect(hex["param"] as? String == "a")
            #expect(hex["key"] as? [String] == ["Seattle"])
            #expect((hex["message"] as? String)?.hasPrefix("a[Seattle]: '0x10' is not a number") == true)

            try socket.send(["op": "set", "param": "a", "key": ["Seattle"], "value": "1e309"])
            let overflow = try #require(await socket.next("error", index: 1))
            #expect((overflow["message"] as? String)?.contains("'1e309' is too large") == true)
            socket.sendText(#"{"op":"set","param":"f","key":[],"value":1e309}"#)
            let raw = try #require(await socket.next("error", index: 2))
            #expect(raw["param"] as? String == "f")
            #expect((raw["message"] as? String)?.hasPrefix("f: The value is not a finite number") == true)
            for text in ["nan", "inf", " ", "1,5"] {
                try socket.send(["op": "set", "param": "f", "key": [], "value": text])
            }
            #expect(await socket.next("error", index: 6) != nil)
            #expect(await socket.count("set") == 0, "nothing refused was applied")

            try socket.send(["op": "set", "param": "a", "key": ["Seattle"], "value": " 16 "])
            let applied = try #require(await socket.next("set"))
            #expect(number(applied["value"]) == 16)
            try socket.send(["op": "set", "param": "f", "key": [], "value": 2.5e2])
            #expect(number(try #require(await socket.next("set", index: 1))["value"]) == 250)
        }
    }

    /// A stopping session says so before its sockets close, so the editor stops reconnecting.
    @Test func sigtermTellsTheEditorTheSessionEnded() async throws {
        try await ServeProcess.withEditor { serve, socket in
            serve.process.signal(SIGTERM)
            let ended = try #require(await socket.next("ended"))
            #expect(ended["message"] as? String == "The session has ended.")
            #expect(await serve.process.wait(timeout: .seconds(30)) == 0)
        }
    }
}
