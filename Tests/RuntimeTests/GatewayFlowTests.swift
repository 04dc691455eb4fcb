import Foundation
import Testing
@testable import atrium_runtime_mathprog

/// Save, open and solve from a data session against a fake gateway over HTTPS.
@Suite struct GatewayFlowTests {
    @Test func saveOpenAndSolve() async throws {
        let token = "token-" + UUID().uuidString
        let session = try await ServeWithGateway(token: token)
        defer { session.stop() }
        let (gateway, serve) = (session.gateway, session.serve)
        let socket = serve.socket()
        defer { socket.close() }
        #expect(await socket.next("case") != nil)

        // Save as a new case: version 1 holds exactly the case.
        try socket.send(["op": "saveAs", "name": "my plan"])
        let saved = try #require(await socket.next("saved"))
        let caseId = try #require(saved["caseId"] as? String)
        #expect(number(saved["version"]) == 1)
        #expect(saved["caseName"] as? String == "my plan")
        let stored = try MathProgCase.decode(try #require(await gateway.store.content(caseId, 1)))
        #expect(stored.params["a"]?.values.first?.value == 350)

        // An edit then Save: version 2, sent with If-Match on the head it saw.
        let head = try #require(await gateway.store.info(caseId)).headDigest
        try socket.send(["op": "set", "param": "a", "key": ["Seattle"], "value": 360])
        #expect(await socket.next("set") != nil)
        try socket.send(["op": "save"])
        let second = try #require(await socket.next("saved", index: 1))
        #expect(number(second["version"]) == 2)
        #expect((second["dirty"] as? [Any])?.isEmpty == true)
        #expect(await gateway.store.ifMatches == ["\"\(head)\""])
        #expect(try MathProgCase.decode(try #require(await gateway.store.content(caseId, 2))).params["a"]?.values.first?.value == 360)

        // Someone else saves meanwhile: the gateway's detail reaches the user, nothing is lost.
        _ = try await gateway.store.append(caseId, content: Data(), ifMatch: nil)
        try socket.send(["op": "set", "param": "a", "key": ["Seattle"], "value": 370])
        try socket.send(["op": "save"])
        let conflict = try #require(await socket.next("error"))
        #expect((conflict["message"] as? String)?.contains("The case was saved since") == true)

        // List, versions, open version 2.
        try socket.send(["op": "list"])
        let list = try #require(await socket.next("cases"))
        #expect((list["cases"] as? [[String: Any]])?.first?["name"] as? String == "my plan")
        try socket.send(["op": "versions", "case": caseId])
        let versions = try #require(await socket.next("versions"))
        #expect((versions["versions"] as? [Any])?.count == 3)
        try socket.send(["op": "open", "case": caseId, "version": 2])
        let reopened = try #require(await socket.next("case", index: 1))
        #expect(number(reopened["version"]) == 2)

        // Solve: the job is followed to the end and the result version opened.
        try socket.send(["op": "solve"])
        let queued = try #require(await socket.next("job"))
        #expect((queued["job"] as? [String: Any])?["state"] as? String == "queued")
        let result = try #require(await socket.next("case", index: 2, timeout: .seconds(60)))
        let solution = try #require((result["case"] as? [String: Any])?["solution"] as? [String: Any])
        #expect(solution["status"] as? String == "optimal")
        #expect(number(result["version"]) == 4)
        // A data session started on the case (ATRIUM_CASE_ID) opens its newest version.
        let reopen = try await session.anotherServe(extra: ["ATRIUM_CASE_ID": caseId])
        defer { reopen.stop() }
        let other = reopen.socket()
        defer { other.close() }
        let initial = try #require(await other.next("case"))
        #expect(initial["caseId"] as? String == caseId)
        #expect(number(initial["version"]) == 4)
        #expect(!serve.process.stderr.contains(token) && !serve.process.stderr.contains(serve.secret))

        var sawSucceeded = false
        for index in 0..<10 {
            if let job = await socket.next("job", index: index, timeout: .milliseconds(50))?["job"] as? [String: Any],
               job["state"] as? String == "succeeded" { sawSucceeded = true }
        }
        #expect(sawSucceeded)
    }

    /// Solve on the app's default data: refused without a name, saved as a new case with one.
    @Test func solveSavesANeverSavedCaseFirst() async throws {
        let session = try await ServeWithGateway()
        defer { session.stop() }
        let gateway = session.gateway
        let socket = session.serve.socket()
        defer { socket.close() }
        #expect(await socket.next("case") != nil)
        try socket.send(["op": "solve"])
        let refused = try #require(await socket.next("error"))
        #expect((refused["message"] as? String)?.contains("Save the case first") == true)
        #expect(await gateway.store.all().isEmpty)

        try socket.send(["op": "solve", "name": "quick"])
        let saved = try #require(await socket.next("saved"))
        #expect(saved["caseName"] as? String == "quick")
        let result = try #require(await socket.next("case", index: 1, timeout: .seconds(60)))
        #expect(number(result["version"]) == 2)
        let solution = try #require((result["case"] as? [String: Any])?["solution"] as? [String: Any])
        #expect(abs((number(solution["objective"]) ?? 0) - 153.675) < 1e-6)
    }
}
