import Catalog
import Foundation
import Gateway
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Store
import Testing

/// The session, job and license routes beyond who may call them: the session token's narrow
/// scope, license install and reports, 429 when no seat is free.
@Suite struct SessionAPITests {
    @Test func aSessionTokenReachesCasesAndJobsOnly() async throws {
        try await TestGateway.with { client, app in
            _ = try await Caller.makeUser(app, "ana")
            let session = try await Caller.token(app, user: "ana", scopes: ["session"])
            #expect(try await session.request(client, .get, "/api/v1/cases").status == .ok)
            #expect(try await session.request(client, .get, "/api/v1/jobs").status == .ok)
            for (method, path) in [(HTTPRequest.Method.get, "/api/v1/me"), (.get, "/api/v1/apps"), (.get, "/api/v1/tokens"),
                                   (.get, "/api/v1/sessions"), (.post, "/api/v1/sessions")] {
                let response = try await session.request(client, method, path, json: method == .post ? ["app": "x"] : nil)
                #expect(response.status == .forbidden, "\(method) \(path): \(response.text)")
            }
            // Nobody can mint a session-scoped token through the API.
            let ana = try await Caller.token(app, user: "ana")
            let minted = try await ana.request(client, .post, "/api/v1/tokens", json: ["name": "mine", "scopes": ["session"]])
            #expect(minted.status == .badRequest)
        }
    }

    @Test func licenseInstallRefusesForgeriesAndReportsUse() async throws {
        try await TestGateway.with { client, app in
            let admin = try await Caller.token(app, user: "admin", scopes: ["read", "write", "admin"])
            let unlicensed = try await admin.request(client, .get, "/api/v1/license").object()
            #expect(unlicensed["licensed"] as? Bool == false)
            let key = try await Publish.trustedKey(app)
            let statement = try LicenseStatement(id: "acme-2026", licensee: "Acme Planning", dataSessions: 3, optimizationSessions: 1,
                                                 namedUsers: 4, issued: Date() - 60, expires: Date() + 86400 * 30, apps: ["demo"])
            let good = try LicenseSigner.sign(statement, key: key).canonicalJSON()
            // A seat count raised after signing: the signature no longer matches.
            let signed = try SignedLicense.decode(good)
            let raised = String(decoding: signed.statement, as: UTF8.self).replacingOccurrences(of: #""dataSessions":3"#, with: #""dataSessions":300"#)
            #expect(raised.contains("300"))
            let forged = try SignedLicense(statement: Data(raised.utf8), keyId: signed.keyId, signature: signed.signature).canonicalJSON()
            let refused = try await admin.upload(client, "/api/v1/license", forged, contentType: "application/json", method: .put)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            let untrusted = try LicenseSigner.sign(statement, key: PublisherKeyPair.generate(name: "stranger")).canonicalJSON()
            #expect(try await admin.upload(client, "/api/v1/license", untrusted, contentType: "application/json", method: .put).status
                    == .unprocessableContent)
            let installed = try await admin.upload(client, "/api/v1/license", good, contentType: "application/json", method: .put)
            #expect(installed.status == .ok, "\(installed.text)")
            let report = try installed.object()
            #expect(report["licensed"] as? Bool == true)
            #expect(report["licensee"] as? String == "Acme Planning")
            #expect((report["limits"] as? [String: Any])?["dataSessions"] as? Int == 3)
            #expect(report["apps"] as? [String] == ["demo"])

            // Usage history as CSV: header, one row per seat, spreadsheet formulas defused.
            let ana = try await Caller.makeUser(app, "ana")
            let seat = try await app.atrium.catalog.takeSeat(kind: .data, holder: "s1", userId: ana.id, app: "demo", node: "n1",
                                                             limits: SeatLimits(dataSessions: 3), leaseUntil: Date() + 60)
            try await app.atrium.catalog.returnSeat(id: seat.id, reason: "=HYPERLINK(\"x\")")
            let csv = try await admin.request(client, .get, "/api/v1/license/usage?format=csv")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\n")
            #expect(lines.first == "id,kind,holder,user,app,node,taken_at,returned_at,minutes,return_reason")
            #expect(lines.count == 2)
            #expect(lines.last?.hasSuffix(#""'=HYPERLINK(""x"")""#) == true)
            let page = try await admin.request(client, .get, "/api/v1/license/usage").object()
            #expect((page["items"] as? [[String: Any]])?.first?["holder"] as? String == "s1")
        }
    }

    @Test func launchesPastTheLimitGet429WithRetryAfter() async throws {
        try await TestGateway.with { client, app in
            let key = try await Publish.trustedKey(app)
            let statement = try LicenseStatement(id: "none", licensee: "Zero Seats", dataSessions: 0, optimizationSessions: 0,
                                                 namedUsers: 5, issued: Date() - 60, expires: Date() + 86400)
            let admin = try await Caller.token(app, user: "admin", scopes: ["read", "write", "admin"])
            let license = try LicenseSigner.sign(statement, key: key).canonicalJSON()
            #expect(try await admin.upload(client, "/api/v1/license", license, contentType: "application/json", method: .put).status == .ok)
            let runtime = try await RuntimeAppFixture.register(app.atrium.catalog, digest: try app.atrium.blobs.put([1]).digest)
            try await runtime.app("demo", title: "Demo")
            // A hidden version is not there for a user who may launch but not publish.
            try await runtime.version("2-beta", of: "demo", makeLatest: false)
            try await app.atrium.catalog.setHidden(app: "demo", version: "2-beta", true)
            let ana = try await Caller.makeUser(app, "ana")
            try await app.atrium.catalog.grant(app: "demo", subject: .user(ana.id), right: .launch)
            let hidden = try await Caller.token(app, user: "ana").request(client, .post, "/api/v1/sessions",
                                                                          json: ["app": "demo", "version": "2-beta"])
            #expect(hidden.status == .notFound, "\(hidden.text)")
            let response = try await admin.request(client, .post, "/api/v1/sessions", json: ["app": "demo"])
            #expect(response.status == .tooManyRequests, "\(response.text)")
            #expect(response.headers[HTTPField.Name("Retry-After")!] == "30")
            #expect(response.text.contains("data-session seats"))
        }
    }
}

extension SessionAPITests {
    @Test func jobEventsAndLogOfAFinishedJob() async throws {
        try await TestGateway.with { client, app in
            let catalog = app.atrium.catalog
            let ana = try await Caller.makeUser(app, "ana")
            _ = try await catalog.createApp(name: "demo", title: "Demo")
            let log = try app.atrium.blobs.put(Array("glpsol output\nprogress: done\n".utf8)).digest.hex
            let blob = try app.atrium.blobs.put([1]).digest
            let record = try await catalog.createCase(app: "demo", ownerId: ana.id, name: "plan", head: blob)
            let later = Date() + 86400 * 400
            let job = try await catalog.submitJob(userId: ana.id, app: "demo", appVersion: "1", caseId: record.id, inputNumber: 1,
                                                  priority: 5, timeoutSeconds: 60, scheduledAt: Date() + 86400 * 399, sessionId: nil,
                                                  by: .user(ana.id), now: Date())
            _ = try #require(try await catalog.claimNextJob(node: "elsewhere", leaseUntil: later + 60, now: later))
            try await catalog.setJobProgress(id: job.id, node: "elsewhere", text: "iteration 40\nforged: event")
            _ = try await catalog.finishJob(id: job.id, node: "elsewhere", state: .failed, resultNumber: nil, reason: "infeasible",
                                            logDigest: log, now: later)
            let caller = try await Caller.token(app, user: "ana")
            let events = try await caller.request(client, .get, "/api/v1/jobs/\(job.id)/events")
            #expect(events.status == .ok)
            #expect(events.headers[.contentType] == "text/event-stream")
            // A newline in a progress line cannot start an event of its own.
            #expect(events.text == "event: state\ndata: failed\n\nevent: progress\ndata: iteration 40\ndata: forged: event\n\n")
            let text = try await caller.request(client, .get, "/api/v1/jobs/\(job.id)/log")
            #expect(text.text == "glpsol output\nprogress: done\n")
            let cancel = try await caller.request(client, .post, "/api/v1/jobs/\(job.id)/cancel")
            #expect(cancel.status == .conflict)
        }
    }
}
