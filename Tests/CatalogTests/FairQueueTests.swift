import Catalog
import Foundation
import Testing

/// The queue takes users in turn within a priority (`Catalog.queueInTurn`), for nodes claiming
/// and for the cluster master placing jobs alike.
extension CatalogRepositoryTests {
    /// `count` jobs of `user` at `priority`, submitted 1 ms apart from `start`.
    static func submitMany(_ catalog: Catalog, user: String, count: Int, priority: Int = 5, from start: Date) async throws -> [JobRecord] {
        var jobs: [JobRecord] = []
        for i in 0..<count { jobs.append(try await submit(catalog, priority: priority, at: start + Double(i) / 1000, user: user)) }
        return jobs
    }

    @Test("queue: one user's 500 jobs hold another user's one job back by one claim at most, whatever the order submitted",
          arguments: DatabaseKind.available)
    func fairClaims(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let many = try await Self.submitMany(catalog, user: "alice", count: 500, from: Self.t0)
            let one = try await Self.submit(catalog, at: Self.t0 + 10, user: "bob")
            // Both are at turn 1 and neither has started a job: the older job goes first, then bob's.
            let first = try #require(try await catalog.claimNextJob(node: "n", leaseUntil: Self.t0 + 900, now: Self.t0 + 20))
            let second = try #require(try await catalog.claimNextJob(node: "n", leaseUntil: Self.t0 + 900, now: Self.t0 + 20))
            #expect(first.id == many[0].id)
            #expect(second.id == one.id, "bob's one job waits for one of alice's at most")
            // Then alice's in the order she submitted them.
            let third = try #require(try await catalog.claimNextJob(node: "n", leaseUntil: Self.t0 + 900, now: Self.t0 + 21))
            #expect(third.id == many[1].id)
        }
    }

    @Test("queue: a user with a job running is behind a newcomer even when that job finished, and users alternate",
          arguments: DatabaseKind.available)
    func fairAlternation(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let alice = try await Self.submitMany(catalog, user: "alice", count: 5, from: Self.t0)
            // Alice ran one already (it finished): bob has never started a job, so he goes first
            // although his jobs were submitted last.
            let done = try #require(try await catalog.claimNextJob(node: "n", leaseUntil: Self.t0 + 900, now: Self.t0 + 1))
            #expect(done.id == alice[0].id)
            _ = try await catalog.finishJob(id: done.id, node: "n", state: .succeeded, resultNumber: nil, reason: nil, logDigest: nil,
                                            now: Self.t0 + 2)
            let bob = try await Self.submitMany(catalog, user: "bob", count: 3, from: Self.t0 + 3)
            var order: [String] = []
            for step in 0..<7 {
                let now = Self.t0 + 10 + Double(step)
                let job = try #require(try await catalog.claimNextJob(node: "n", leaseUntil: now + 900, now: now))
                order.append(job.userId)
                // Each finishes before the next claim: turns are equal, the latest start decides.
                _ = try await catalog.finishJob(id: job.id, node: "n", state: .succeeded, resultNumber: nil, reason: nil,
                                                logDigest: nil, now: now + 0.5)
            }
            #expect(order == ["bob", "alice", "bob", "alice", "bob", "alice", "alice"])
            #expect(bob.count == 3 && alice.count == 5)
            // Priority still comes first: a higher one of alice's goes before bob's turn.
            let urgent = try await Self.submit(catalog, priority: 9, at: Self.t0 + 30, user: "alice")
            _ = try await Self.submit(catalog, at: Self.t0 + 31, user: "bob")
            #expect(try await catalog.claimNextJob(node: "n", leaseUntil: Self.t0 + 900, now: Self.t0 + 40)?.id == urgent.id)
        }
    }

    @Test("queue: the cluster master places jobs in the same fair order", arguments: DatabaseKind.available)
    func fairDispatch(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let lease = try #require(try await catalog.acquireMaster(node: "node-a", leaseUntil: Self.t0 + 600, now: Self.t0))
            try await catalog.registerNode(name: "node-a", address: "https://a:8443", incarnation: "a1", solveSlots: 2, now: Self.t0)
            let many = try await Self.submitMany(catalog, user: "alice", count: 500, from: Self.t0)
            let one = try await Self.submit(catalog, at: Self.t0 + 10, user: "bob")
            let placed = try await catalog.dispatchJobs(master: "node-a", token: lease.token, now: Self.t0 + 20,
                                                        staleAssignmentBefore: Self.t0)
            #expect(placed.map(\.jobId) == [many[0].id, one.id])
            #expect(placed.allSatisfy { $0.node == "node-a" })
            // The node claims them (its own only) in that order too.
            let claimed = try #require(try await catalog.claimNextJob(node: "node-a", leaseUntil: Self.t0 + 600, now: Self.t0 + 21,
                                                                      assignedOnly: true))
            #expect(claimed.id == many[0].id)
        }
    }

    @Test("queue: concurrent claimers over several users' jobs take each exactly once", arguments: DatabaseKind.available)
    func fairConcurrentClaims(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, configuration in
            var submitted: Set<String> = []
            for user in ["alice", "bob", "carol"] {
                for job in try await Self.submitMany(catalog, user: user, count: 20, priority: user == "carol" ? 7 : 5, from: Self.t0) {
                    submitted.insert(job.id)
                }
            }
            try await kind.withNodes(catalog, configuration, count: 4) { nodes in
                let claims = try await nodes.claimAll(leaseUntil: Self.t0 + 1000, now: Self.t0 + 100)
                #expect(claims.count == 60)
                #expect(Set(claims.map(\.id)) == submitted)
            }
        }
    }
}
