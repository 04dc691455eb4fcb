#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import Testing

/// `atrium-runtime-mathprog serve` as a real process: the proxy secret, the UI, the socket.
@Suite struct ServeTests {
    @Test func secretGuardsEverythingButHealthz() async throws {
        let serve = try await ServeProcess()
        defer { serve.stop() }
        #expect(try await serve.get("/healthz", secret: nil).status == 200)
        #expect(try await serve.get("/", secret: nil).status == 403)
        #expect(try await serve.get("/app.js", secret: "wrong").status == 403)
        #expect(try await serve.get("/app.js", secret: serve.secret + "x").status == 403)
        let page = try await serve.get("/", secret: serve.secret)
        #expect(page.status == 200)
        #expect(page.body.contains(#"src="app.js""#))
        #expect(!page.body.contains(#"src="/"#), "links are relative: the browser sees the page under the base path")
        #expect(try await serve.get("/style.css", secret: serve.secret).status == 200)
        await #expect(throws: (any Error).self) {
            try await WebSocketClient.connect(url: serve.socketURL, logger: Logger(label: "t")) { _, _, _ in }
        }
        await #expect(throws: (any Error).self) {
            try await WebSocketClient.connect(url: serve.socketURL, configuration: .init(additionalHeaders: [HTTPField.Name("X-Atrium-Proxy-Secret")!: "nope"]),
                                              logger: Logger(label: "t")) { _, _, _ in }
        }
        // SIGTERM is a clean stop.
        serve.process.signal(SIGTERM)
        #expect(await serve.process.wait(timeout: .seconds(10)) == 0)
        #expect(!serve.process.stderr.contains(serve.secret))
    }

    /// An open editor socket must not hold the session up: SIGTERM still ends it promptly, exit 0.
    @Test func sigtermWithAnOpenSocketStopsPromptly() async throws {
        try await ServeProcess.withEditor { serve, socket in
            // A socket that held it up would keep it running past the wait; how fast is not asserted
            // (a loaded CI machine is slow; timings belong in benchmarks).
            serve.process.signal(SIGTERM)
            #expect(await serve.process.wait(timeout: .seconds(30)) == 0)
        }
    }

    @Test func editsAreValidatedAndBroadcast() async throws {
        let serve = try await ServeProcess()
        defer { serve.stop() }
        let first = serve.socket()
        let second = serve.socket()
        defer { first.close(); second.close() }
        let opened = try #require(await first.next("case"))
        let current = try #require(opened["case"] as? [String: Any])
        let sets = try #require(current["sets"] as? [String: Any])
        #expect(sets["I"] as? [String] == ["Seattle", "San-Diego"])
        #expect(await second.next("case") != nil)

        try first.send(["op": "set", "param": "a", "key": ["Seattle"], "value": 400])
        let broadcast = try #require(await second.next("set"))
        #expect(broadcast["param"] as? String == "a")
        #expect(broadcast["key"] as? [String] == ["Seattle"])
        #expect(number(broadcast["value"]) == 400)
        #expect(await first.next("set") != nil, "the sender sees its own edit too")

        for invalid: [String: Any] in [["op": "set", "param": "a", "key": ["Paris"], "value": 1],
                                       ["op": "set", "param": "zz", "key": [], "value": 1],
                                       ["op": "set", "param": "d", "key": ["Seattle"], "value": 1],
                                       ["op": "set", "param": "a", "key": ["Seattle"], "value": "many"],
                                       ["op": "fly"]] {
            try first.send(invalid)
        }
        let error = try #require(await first.next("error", index: 4))
        #expect(error["message"] as? String == "Unknown request 'fly'.")
        let unknownMember = try #require(await first.next("error", index: 0))
        #expect((unknownMember["message"] as? String)?.contains("not a member of set 'I'") == true)
        #expect(await second.count("error") == 0, "errors go to the sender only")
        #expect(await second.count("set") == 1, "refused edits are not broadcast")

        // A newcomer sees the accepted edit, marked unsaved, and nothing of the refused ones.
        let third = serve.socket()
        defer { third.close() }
        let state = try #require(await third.next("case"))
        let params = try #require((state["case"] as? [String: Any])?["params"] as? [String: Any])
        let a = try #require((params["a"] as? [String: Any])?["values"] as? [[Any]])
        #expect(number(a.first { ($0[0] as? [String]) == ["Seattle"] }?[1]) == 400)
        #expect(a.count == 2)
        #expect(params["zz"] == nil)
        let dirty = try #require(state["dirty"] as? [[String: Any]])
        #expect(dirty.count == 1)
        #expect(dirty.first?["param"] as? String == "a")
    }
}
