import Catalog
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Credentials end when they should (issue 16): a new password revokes the user's API tokens
/// but those kept, a token cannot mint one that outlives it, password checks are limited per
/// address and per name and address (so a lock-out cannot be aimed at someone), and a user one
/// may not see is worded like one that does not exist.
@Suite struct CredentialTests {
    /// Creates an API token through `POST /api/v1/tokens`; answers the caller using it and its JSON.
    static func mint(_ client: any TestClientProtocol, by caller: Caller, name: String, days: Int? = nil,
                     scopes: [String] = ["read", "write"]) async throws -> (caller: Caller, info: [String: Any]) {
        var body: [String: Any] = ["name": name, "scopes": scopes]
        if let days { body["expiresInDays"] = days }
        let response = try await caller.request(client, .post, "/api/v1/tokens", json: body)
        #expect(response.status == .created, "\(response.text)")
        let info = try response.object()
        let secret = try #require(info["secret"] as? String)
        return (Caller(headers: [.authorization: "Bearer \(secret)"], name: name), info)
    }

    @Test func aPasswordChangeRevokesTheTokensButThoseKeptAtOnceAndIsAudited() async throws {
        try await TestGateway.with { client, app in
            let alice = try await Caller.makeUser(app, "alice")
            let session = try await Caller.logon(client, "alice", "alice-password")
            let ci = try await Self.mint(client, by: session, name: "ci").caller
            let laptop = try await Self.mint(client, by: session, name: "laptop").caller
            // Both work, and are now in the token cache.
            #expect(try await ci.request(client, .get, "/api/v1/me").status == .ok)
            #expect(try await laptop.request(client, .get, "/api/v1/me").status == .ok)

            // Keeping a token that does not exist is refused, and changes nothing.
            let typo = try await session.request(client, .put, "/api/v1/me/password",
                                                 json: ["currentPassword": "alice-password", "newPassword": "alice-second",
                                                        "keepTokens": ["cj"]])
            #expect(typo.status == .unprocessableContent, "\(typo.text)")
            #expect(try await laptop.request(client, .get, "/api/v1/me").status == .ok)

            // Change through the API, keeping "ci" by name: "laptop" stops at once (within the
            // cache's 5 s), "ci" goes on, and the portal session ends.
            let changed = try await session.request(client, .put, "/api/v1/me/password",
                                                    json: ["currentPassword": "alice-password", "newPassword": "alice-second",
                                                           "keepTokens": ["ci"]])
            #expect(changed.status == .noContent, "\(changed.text)")
            #expect(try await laptop.request(client, .get, "/api/v1/me").status == .unauthorized)
            #expect(try await ci.request(client, .get, "/api/v1/me").status == .ok)
            #expect(try await session.request(client, .get, "/api/v1/me").status == .unauthorized)
            let entry = try #require(try await app.atrium.catalog.auditLog(target: "user:\(alice.id)").first { $0.action == "user.password" })
            let detail = try #require(JSONSerialization.jsonObject(with: Data(entry.detail.utf8)) as? [String: String])
            #expect(detail["tokensRevoked"] == "1")
            #expect(detail["tokensKept"] == "1")

            // Changed by a token: without keepTokens every token goes, the calling one too.
            let other = try await Self.mint(client, by: try await Caller.logon(client, "alice", "alice-second"), name: "other").caller
            #expect(try await other.request(client, .get, "/api/v1/me").status == .ok)
            let byToken = try await ci.request(client, .put, "/api/v1/me/password",
                                               json: ["currentPassword": "alice-second", "newPassword": "alice-third"])
            #expect(byToken.status == .noContent, "\(byToken.text)")
            #expect(try await ci.request(client, .get, "/api/v1/me").status == .unauthorized)
            #expect(try await other.request(client, .get, "/api/v1/me").status == .unauthorized)

            // An admin's reset revokes them too.
            let last = try await Self.mint(client, by: try await Caller.logon(client, "alice", "alice-third"), name: "last").caller
            #expect(try await last.request(client, .get, "/api/v1/me").status == .ok)
            let admin = try await Caller.token(app, user: "admin", scopes: ["read", "write", "admin"])
            let reset = try await admin.request(client, .patch, "/api/v1/users/alice", json: ["password": "alice-fourth"])
            #expect(reset.status == .ok, "\(reset.text)")
            #expect(try await last.request(client, .get, "/api/v1/me").status == .unauthorized)
        }
    }

    @Test func aOneDayTokenCannotMintALongerOne() async throws {
        try await TestGateway.with { client, app in
            try await Caller.makeUser(app, "alice")
            let session = try await Caller.logon(client, "alice", "alice-password")
            let (short, info) = try await Self.mint(client, by: session, name: "short", days: 1)
            let limit = try #require((info["expiresAt"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })

            let longer = try await short.request(client, .post, "/api/v1/tokens",
                                                 json: ["name": "longer", "scopes": ["read"], "expiresInDays": 2])
            #expect(longer.status == .forbidden, "\(longer.text)")
            #expect(longer.detail.contains("cannot create a token that outlives it"), "\(longer.detail)")
            #expect(longer.detail.contains("at most 1 day"), "\(longer.detail)")

            // Without a length (90 days by default) or with the day it has, the new token ends with it.
            for days in [nil, 1] as [Int?] {
                let made = try await Self.mint(client, by: short, name: "child", days: days, scopes: ["read"]).info
                let expires = try #require((made["expiresAt"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
                #expect(expires <= limit, "days \(String(describing: days)): \(expires) after \(limit)")
            }
            // A portal session is not capped.
            let long = try await Self.mint(client, by: session, name: "long", days: 30).info
            let expires = try #require((long["expiresAt"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
            #expect(expires > limit.addingTimeInterval(28 * 86400))
        }
    }

    /// The limit refills one attempt every 12 s, so the loop counts until the first 429 (as
    /// SessionRouteTests does for log-on).
    @Test func wrongCurrentPasswordsInALoopGet429() async throws {
        try await TestGateway.with { client, app in
            try await Caller.makeUser(app, "alice")
            let alice = try await Caller.logon(client, "alice", "alice-password")
            var refused = 0
            var limited: TestResponse?
            for _ in 0..<30 where limited == nil {
                let response = try await alice.request(client, .put, "/api/v1/me/password",
                                                       json: ["currentPassword": "wrong-password", "newPassword": "alice-second"])
                switch response.status {
                case .forbidden: refused += 1
                case .tooManyRequests: limited = response
                default: Issue.record("unexpected \(response.status): \(response.text)")
                }
            }
            #expect(refused >= 5)
            let response = try #require(limited, "no 429 after \(refused) wrong passwords")
            #expect(Int(response.headers[HTTPField.Name("Retry-After")!] ?? "") ?? 0 >= 1)
            #expect(response.detail.contains("Too many failed log-ons"), "\(response.detail)")
        }
    }

    @Test func aUserOneMayNotSeeIsWordedLikeOneThatDoesNotExist() async throws {
        try await TestGateway.with { client, app in
            try await Caller.makeUser(app, "alice")
            let bob = try await Caller.makeUser(app, "bob")
            let alice = try await Caller.token(app, user: "alice")
            #expect(try await alice.request(client, .get, "/api/v1/users/alice").status == .ok)
            var details: [String] = []
            for key in ["bob", bob.id, "nobody", "01J0000000000000000000000"] {
                let response = try await alice.request(client, .get, "/api/v1/users/\(key)")
                #expect(response.status == .notFound)
                details.append(response.detail.replacingOccurrences(of: key, with: "KEY"))
            }
            #expect(Set(details).count == 1, "\(details)")
        }
    }

    @Test func theLimiterCountsFailuresByNameAndAddressAndOnlyWrongPasswords() async throws {
        let limiter = LogOnLimiter()
        let right: () async throws -> String? = { "alice" }
        let wrong: () async throws -> String? = { nil }
        // A right password spends nothing of the failure limit.
        for second in 0..<10 { #expect(try await limiter.check(name: "alice", address: "b", now: Double(second), right) == "alice") }
        // Five failures from A, then A is refused before its password is checked, even the right one.
        for _ in 0..<5 { #expect(try await limiter.check(name: "alice", address: "a", now: 20, wrong) == nil) }
        await #expect(throws: Problem.self) { try await limiter.check(name: "alice", address: "a", now: 20, right) }
        await #expect(throws: Problem.self) { try await limiter.check(name: "ALICE", address: "a", now: 20, right) }
        // B (seen before) and C (never seen) still log on; another name from A is not limited.
        #expect(try await limiter.check(name: "alice", address: "b", now: 20, right) == "alice")
        #expect(try await limiter.check(name: "alice", address: "c", now: 20, right) == "alice")
        #expect(try await limiter.check(name: "bob", address: "a", now: 20, right) == "alice")
        // C is limited only once it fails itself.
        for _ in 0..<5 { #expect(try await limiter.check(name: "alice", address: "c", now: 21, wrong) == nil) }
        await #expect(throws: Problem.self) { try await limiter.check(name: "alice", address: "c", now: 21, right) }
        // One attempt back after 12 s; a right one then clears the count.
        #expect(try await limiter.check(name: "alice", address: "a", now: 33, right) == "alice")
        for _ in 0..<5 { #expect(try await limiter.check(name: "alice", address: "a", now: 33, wrong) == nil) }
        // The per-address limit counts every attempt: 20 at once.
        let busy = LogOnLimiter()
        for index in 0..<20 { _ = try await busy.check(name: "user\(index)", address: "d", now: 0, right) }
        await #expect(throws: Problem.self) { try await busy.check(name: "other", address: "d", now: 0, right) }
    }

    /// Over real connections from three loopback addresses: A hammers alice's name past the
    /// limit; B, where alice logged on before, and C, never seen, still log her on.
    @Test func aLockOutFromAnotherAddressDoesNotStopTheRightUser() async throws {
        let gateway = try await RunningGateway()
        do {
            let catalog = gateway.app.atrium.catalog
            _ = try await catalog.createUser(name: "alice", displayName: "Alice", password: "alice-password", role: .user)
            let trust = SelfSignedCertificate.paths(dataDirectory: gateway.directory.path).certificate
            func logOn(from address: String, _ password: String) async throws -> BoundAddressClient.Answer {
                try await BoundAddressClient.post(port: gateway.port, from: address, path: "/api/v1/session",
                                                  json: ["name": "alice", "password": password], trust: trust)
            }
            #expect(try await logOn(from: "127.0.0.2", "alice-password").status == 200)
            var limited = false
            for _ in 0..<30 where !limited {
                let answer = try await logOn(from: "127.0.0.3", "wrong-password")
                #expect([401, 429].contains(answer.status), "\(answer.body)")
                limited = answer.status == 429
            }
            #expect(limited, "127.0.0.3 was never limited")
            #expect(try await logOn(from: "127.0.0.2", "alice-password").status == 200, "the address alice used before")
            #expect(try await logOn(from: "127.0.0.4", "alice-password").status == 200, "an address that has not failed")
        } catch {
            try await gateway.stop()
            throw error
        }
        try await gateway.stop()
    }
}
