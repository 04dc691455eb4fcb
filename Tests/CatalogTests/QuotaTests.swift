import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    /// Runs `count` calls of `take` at once and sorts the outcomes: successes, and the quota
    /// refusals (any other error is recorded as an issue).
    static func race<T: Sendable>(_ count: Int, _ take: @escaping @Sendable (Int) async throws -> T) async throws
        -> (taken: [T], refused: [QuotaExceeded]) {
        try await withThrowingTaskGroup(of: Result<T, CatalogError>.self) { group in
            for i in 0..<count {
                group.addTask {
                    do { return .success(try await take(i)) } catch let error as CatalogError { return .failure(error) }
                }
            }
            var taken: [T] = [], refused: [QuotaExceeded] = []
            for try await result in group {
                switch result {
                case .success(let value): taken.append(value)
                case .failure(.quotaExceeded(let exceeded)): refused.append(exceeded)
                case .failure(let other): Issue.record("unexpected \(other)")
                }
            }
            return (taken, refused)
        }
    }

    @Test("quotas: 8 concurrent launches race for a user's last data session: exactly 1 gets it", arguments: DatabaseKind.available)
    func dataSessionQuotaRace(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, configuration in
            let alice = try await Self.user(catalog, "alice"), bob = try await Self.user(catalog, "bob")
            try await catalog.setQuota(.user(alice.id), kind: .dataSessions, limit: 3, by: .system)
            let lease = Self.t0 + 60
            for i in 0..<2 {
                _ = try await catalog.takeSeat(kind: .data, holder: "held-\(i)", userId: alice.id, app: "transport", node: "n",
                                           limits: .unlimited, leaseUntil: lease, now: Self.t0)
            }
            try await kind.withNodes(catalog, configuration, count: 3) { nodes in
                let (taken, refused) = try await Self.race(8) { i in
                    try await nodes[i % nodes.count].takeSeat(kind: .data, holder: "race-\(i)", userId: alice.id, app: "transport",
                                                              node: "n", limits: .unlimited, leaseUntil: lease, now: Self.t0)
                }
                #expect(taken.count == 1)
                #expect(refused.count == 7)
                #expect(Set(refused) == [QuotaExceeded(kind: .dataSessions, limit: 3, used: 3)])
                #expect(refused.first?.description == "You have 3 data sessions running; your limit is 3 (quota 'dataSessions').")
            }
            // Solve seats, a retried launch (same holder) and another user do not count against it.
            _ = try await catalog.takeSeat(kind: .solve, holder: "job-1", userId: alice.id, app: "transport", node: "n",
                                       limits: .unlimited, leaseUntil: lease, now: Self.t0)
            _ = try await catalog.takeSeat(kind: .data, holder: "held-0", userId: alice.id, app: "transport", node: "n",
                                       limits: .unlimited, leaseUntil: lease, now: Self.t0)
            _ = try await catalog.takeSeat(kind: .data, holder: "bob-1", userId: bob.id, app: "transport", node: "n",
                                       limits: .unlimited, leaseUntil: lease, now: Self.t0)
            // A returned seat or a lapsed one frees its place.
            let usage = try await catalog.quotaUsage(userId: alice.id, now: Self.t0)
            #expect(usage.first { $0.kind == .dataSessions }?.used == 3)
            let held = try await catalog.heldSeats(now: Self.t0).filter { $0.userId == alice.id && $0.kind == .data }
            try await catalog.returnSeat(id: try #require(held.first).id, reason: "stopped", now: Self.t0)
            _ = try await catalog.takeSeat(kind: .data, holder: "after-return", userId: alice.id, app: "transport", node: "n",
                                       limits: .unlimited, leaseUntil: lease, now: Self.t0)
            _ = try await catalog.takeSeat(kind: .data, holder: "after-lapse", userId: alice.id, app: "transport", node: "n",
                                       limits: .unlimited, leaseUntil: lease + 60, now: lease + 1)
        }
    }

    @Test("quotas: 8 concurrent submits race for a user's last job: exactly 1 is queued", arguments: DatabaseKind.available)
    func jobQuotaRace(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, configuration in
            let alice = try await Self.user(catalog, "alice")
            try await catalog.setQuota(.user(alice.id), kind: .jobs, limit: 5, by: .system)
            var jobs: [JobRecord] = []
            for _ in 0..<4 { jobs.append(try await Self.submit(catalog, user: alice.id)) }
            try await kind.withNodes(catalog, configuration, count: 3) { nodes in
                let (taken, refused) = try await Self.race(8) { i in try await Self.submit(nodes[i % nodes.count], user: alice.id) }
                #expect(taken.count == 1)
                #expect(refused.count == 7)
                #expect(Set(refused) == [QuotaExceeded(kind: .jobs, limit: 5, used: 5)])
                #expect(refused.first?.description == "You have 5 jobs queued or running; your limit is 5 (quota 'jobs').")
            }
            #expect(try await catalog.listJobs(userId: alice.id, state: nil, limit: 100).count == 5)
            // Running jobs count; a finished (here: cancelled) one frees its place.
            _ = try await catalog.claimNextJob(node: "n", leaseUntil: Self.t0 + 600, now: Self.t0 + 1)
            await expectCatalogError({ $0 == .quotaExceeded(QuotaExceeded(kind: .jobs, limit: 5, used: 5)) }) {
                try await Self.submit(catalog, user: alice.id)
            }
            try await catalog.requestJobCancel(id: try #require(jobs.last).id, by: .system)
            try await Self.submit(catalog, user: alice.id)
        }
    }

    @Test("quotas: 8 concurrent saves race for a user's last storage: exactly 1 is recorded", arguments: DatabaseKind.available)
    func storageQuotaRace(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, configuration in
            let alice = try await Self.user(catalog, "alice"), bob = try await Self.user(catalog, "bob")
            try await Self.appWithVersion(catalog, "transport")
            try await catalog.setQuota(.user(alice.id), kind: .storageBytes, limit: 1000, by: .system)
            let first = try await catalog.createCase(app: "transport", ownerId: alice.id, name: "base", head: Self.digest("a1"), size: 400)
            try await catalog.saveCaseVersion(caseId: first.id, expectedHead: Self.digest("a1"), newHead: Self.digest("a2"), number: 2,
                                              size: 300, by: .user(alice.id))
            try await kind.withNodes(catalog, configuration, count: 3) { nodes in
                let (taken, refused) = try await Self.race(8) { i in
                    try await nodes[i % nodes.count].createCase(app: "transport", ownerId: alice.id, name: "race-\(i)",
                                                                head: Self.digest("r\(i)"), size: 250)
                }
                #expect(taken.count == 1)
                #expect(refused.count == 7)
                #expect(Set(refused) == [QuotaExceeded(kind: .storageBytes, limit: 1000, used: 950, requested: 250)])
            }
            // A version saved by someone the case is shared with counts against its owner.
            try await catalog.shareCase(caseId: first.id, with: .user(bob.id), access: .write, by: .user(alice.id))
            await expectCatalogError({ $0 == .quotaExceeded(QuotaExceeded(kind: .storageBytes, limit: 1000, used: 950, requested: 51)) }) {
                try await catalog.saveCaseVersion(caseId: first.id, expectedHead: Self.digest("a2"), newHead: Self.digest("b3"), number: 3,
                                                  size: 51, by: .user(bob.id))
            }
            try await catalog.saveCaseVersion(caseId: first.id, expectedHead: Self.digest("a2"), newHead: Self.digest("b3"), number: 3,
                                              size: 50, by: .user(bob.id))
            #expect(try await catalog.quotaUsage(userId: alice.id).first { $0.kind == .storageBytes }?.used == 1000)
            #expect(try await catalog.quotaUsage(userId: bob.id).first { $0.kind == .storageBytes }?.used == 0)
            let refusal = QuotaExceeded(kind: .storageBytes, limit: 1000, used: 1000, requested: 2048)
            #expect(refusal.description == "Your cases use 1000 bytes and this would add 2048 bytes (2 KiB); "
                    + "your storage limit is 1000 bytes (quota 'storageBytes').")
            // Deleting a case gives its storage back.
            try await catalog.deleteCase(caseId: first.id, by: .user(alice.id))
            #expect(try await catalog.quotaUsage(userId: alice.id).first { $0.kind == .storageBytes }?.used == 250)
        }
    }

    @Test("quotas: own limit, else the most generous group's, else the server's default; set and clear are audited",
          arguments: DatabaseKind.available)
    func quotaResolution(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, configuration in
            let alice = try await Self.user(catalog, "alice")
            let small = try await catalog.createGroup(name: "small"), large = try await catalog.createGroup(name: "large")
            try await catalog.addMember(groupId: small.id, userId: alice.id)
            try await catalog.addMember(groupId: large.id, userId: alice.id)
            // No default configured (a command's catalog): unlimited.
            #expect(try await catalog.effectiveQuota(userId: alice.id, kind: .jobs) == QuotaLimit(kind: .jobs, value: nil, source: .serverDefault))
            var limited = configuration
            var defaults = QuotaDefaults()
            defaults.jobs = 7
            limited.quotaDefaults = defaults
            let server = try await Catalog.open(limited, migrate: false)
            do {
                #expect(try await server.effectiveQuota(userId: alice.id, kind: .jobs) == QuotaLimit(kind: .jobs, value: 7, source: .serverDefault))
                #expect(try await server.effectiveQuota(userId: alice.id, kind: .dataSessions).value == 4)
                try await catalog.setQuota(.group(small.id), kind: .jobs, limit: 2, by: .user(alice.id))
                #expect(try await server.effectiveQuota(userId: alice.id, kind: .jobs) == QuotaLimit(kind: .jobs, value: 2, source: .group(small.id)))
                try await catalog.setQuota(.group(large.id), kind: .jobs, limit: 20, by: .system)
                #expect(try await server.effectiveQuota(userId: alice.id, kind: .jobs) == QuotaLimit(kind: .jobs, value: 20, source: .group(large.id)))
                try await catalog.setQuota(.group(small.id), kind: .jobs, limit: nil, by: .system)
                #expect(try await server.effectiveQuota(userId: alice.id, kind: .jobs) == QuotaLimit(kind: .jobs, value: nil, source: .group(small.id)))
                // The user's own limit overrides every group's, even a smaller one.
                try await catalog.setQuota(.user(alice.id), kind: .jobs, limit: 1, by: .system)
                #expect(try await server.effectiveQuota(userId: alice.id, kind: .jobs) == QuotaLimit(kind: .jobs, value: 1, source: .user))
                try await Self.submit(server, user: alice.id)
                await expectCatalogError({ $0 == .quotaExceeded(QuotaExceeded(kind: .jobs, limit: 1, used: 1)) }) {
                    try await Self.submit(server, user: alice.id)
                }
                // Cleared, the groups' apply again; out of the groups, the default.
                #expect(try await catalog.clearQuota(.user(alice.id), kind: .jobs, by: .system))
                #expect(try await !catalog.clearQuota(.user(alice.id), kind: .jobs, by: .system))
                #expect(try await server.effectiveQuota(userId: alice.id, kind: .jobs).source == .group(small.id))
                try await catalog.removeMember(groupId: small.id, userId: alice.id)
                try await catalog.removeMember(groupId: large.id, userId: alice.id)
                #expect(try await server.effectiveQuota(userId: alice.id, kind: .jobs) == QuotaLimit(kind: .jobs, value: 7, source: .serverDefault))
                let usage = try await server.quotaUsage(userId: alice.id)
                #expect(usage.map(\.kind) == QuotaKind.allCases)
                #expect(usage.first { $0.kind == .jobs }?.used == 1)
                #expect(usage.first { $0.kind == .uploadBytes }?.used == nil)
            } catch {
                await server.close()
                throw error
            }
            await server.close()
            #expect(try await catalog.quotas(of: .group(small.id)).map { [$0.kind: $0.limit] } == [[.jobs: nil]])
            #expect(try await catalog.quotas(of: .group(large.id)).first?.limit == 20)
            await expectCatalogError(\.isInvalid) { try await catalog.setQuota(.user(alice.id), kind: .jobs, limit: -1, by: .system) }
            await expectCatalogError(\.isNotFound) { try await catalog.setQuota(.user("nobody"), kind: .jobs, limit: 1, by: .system) }
            let audit = try await catalog.auditLog(limit: 10, target: "user:\(alice.id)")
            #expect(audit.map(\.action).filter { $0.hasPrefix("quota.") }.sorted() == ["quota.clear", "quota.set"])
        }
    }
}
