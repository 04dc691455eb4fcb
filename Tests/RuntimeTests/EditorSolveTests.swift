import Foundation
import Testing
@testable import atrium_runtime_mathprog

/// The editor's running solve: one at a time, cancelled from the editor, timed.
@Suite struct EditorSolveTests {
    @Test func aRunningSolveIsCancelledFromTheEditor() async throws {
        let session = try await ServeWithGateway(app: "long-running", extra: ["ATRIUM_SESSION_ID": "session-1"])
        defer { session.stop() }
        let gateway = session.gateway
        let socket = session.serve.socket()
        defer { socket.close() }
        #expect(await socket.next("case") != nil)

        try socket.send(["op": "cancel"])
        #expect(await socket.next("error")?["message"] as? String == "No solve is running.")

        try socket.send(["op": "solve", "name": "split"])
        let queued = try #require(await socket.next("job"))
        #expect(number(queued["elapsedSeconds"]) != nil, "job messages carry the time since submission")
        #expect(await gateway.store.submittedSessions == ["session-1"], "the solve names its data session")
        let jobId = try #require((queued["job"] as? [String: Any])?["id"] as? String)

        try socket.send(["op": "solve"])
        let busy = try #require(await socket.next("error", index: 1))
        #expect((busy["message"] as? String)?.hasPrefix("A solve is already running") == true)
        #expect(busy["op"] as? String == "solve")

        try socket.send(["op": "cancel"])
        var cancelled: [String: Any]?
        for index in 1..<40 {
            guard let job = await socket.next("job", index: index, timeout: .seconds(60))?["job"] as? [String: Any] else { break }
            #expect(job["id"] as? String == jobId)
            if job["state"] as? String == "cancelled" { cancelled = job; break }
        }
        #expect(cancelled?["cancelRequested"] as? Bool == true)
        #expect(await gateway.store.info("case-1")?.headNumber == 1, "a cancelled solve saves nothing")

        // The session is free again: a new solve is accepted.
        try socket.send(["op": "solve"])
        let types = await socket.types()
        var next: [String: Any]?
        for index in 0..<60 {
            if let job = await socket.next("job", index: index, timeout: .seconds(30))?["job"] as? [String: Any], job["id"] as? String != jobId {
                next = job
                break
            }
        }
        #expect(next != nil, "a second solve starts after the cancel; messages: \(types)")
        try socket.send(["op": "cancel"])
    }
}
