import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    /// Takes `count` seats at once (spread over `nodes`) and sorts the outcomes.
    static func takeConcurrently(_ nodes: [Catalog], count: Int, kind: SeatKind = .data, limits: SeatLimits,
                                 user: @escaping @Sendable (Int) -> String) async throws -> (seats: [Seat], refusals: [String]) {
        let now = t0
        return try await withThrowingTaskGroup(of: Result<Seat, CatalogError>.self) { group in
            for i in 0..<count {
                let node = nodes[i % nodes.count]
                group.addTask {
                    do {
                        return .success(try await node.takeSeat(kind: kind, holder: "holder-\(i)", userId: user(i), app: "transport",
                                                                node: "node-\(i % nodes.count)", limits: limits,
                                                                leaseUntil: now.addingTimeInterval(60), now: now))
                    } catch let error as CatalogError {
                        return .failure(error)
                    }
                }
            }
            var seats: [Seat] = [], refusals: [String] = []
            for try await result in group {
                switch result {
                case .success(let seat): seats.append(seat)
                case .failure(.limitReached(let what)): refusals.append(what)
                case .failure(let other): Issue.record("unexpected \(other)")
                }
            }
            return (seats, refusals)
        }
    }

    @Test("seats: 200 concurrent takes against 10 data-session seats → exactly 10 held, 190 refused",
          arguments: DatabaseKind.available)
    func concurrentSeatLimit(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, configuration in
            try await kind.withNodes(catalog, configuration, count: 3) { nodes in
                let (seats, refusals) = try await Self.takeConcurrently(nodes, count: 200, limits: SeatLimits(dataSessions: 10)) {
                    "user-\($0 % 7)"
                }
                #expect(seats.count == 10)
                #expect(refusals.count == 190)
                #expect(Set(refusals) == ["all 10 data-session seats are in use"])
                #expect(Set(seats.map(\.id)).count == 10)
                #expect(try await catalog.heldSeats(now: Self.t0).count == 10)
                // Solve seats are counted apart from data seats.
                let solve = try await catalog.takeSeat(kind: .solve, holder: "job-1", userId: "user-1", app: "transport",
                                                       node: "node-0", limits: SeatLimits(dataSessions: 10, optimizationSessions: 1),
                                                       leaseUntil: Self.t0 + 60, now: Self.t0)
                #expect(solve.kind == .solve)
                await expectCatalogError({ $0 == .limitReached("all 1 optimization-session seats are in use") }) {
                    _ = try await catalog.takeSeat(kind: .solve, holder: "job-2", userId: "user-1", app: "transport", node: "node-0",
                                                   limits: SeatLimits(optimizationSessions: 1), leaseUntil: Self.t0 + 60, now: Self.t0)
                }
                await expectCatalogError({ $0 == .limitReached("the license grants no optimization-session seats") }) {
                    _ = try await catalog.takeSeat(kind: .solve, holder: "job-3", userId: "user-1", app: "transport", node: "node-0",
                                                   limits: SeatLimits(optimizationSessions: 0), leaseUntil: Self.t0 + 60, now: Self.t0)
                }
            }
        }
    }

    @Test("seats: 200 concurrent first takes by different users against 10 named users", arguments: DatabaseKind.available)
    func concurrentNamedUsers(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, configuration in
            try await kind.withNodes(catalog, configuration, count: 3) { nodes in
                let limits = SeatLimits(namedUsers: 10)
                let (seats, refusals) = try await Self.takeConcurrently(nodes, count: 200, limits: limits) { "user-\($0)" }
                #expect(seats.count == 10)
                #expect(refusals.count == 190)
                #expect(Set(refusals) == ["all 10 named users are taken"])
                #expect(try await catalog.namedUserCount() == 10)
                // A named user may take more seats; a new user may not, even after every seat is returned.
                let named = try #require(seats.first).userId
                let again = try await catalog.takeSeat(kind: .data, holder: "second", userId: named, app: "transport", node: "n",
                                                       limits: limits, leaseUntil: Self.t0 + 60, now: Self.t0)
                #expect(again.userId == named)
                for seat in seats { try await catalog.returnSeat(id: seat.id, reason: "stopped", now: Self.t0 + 1) }
                await expectCatalogError({ $0 == .limitReached("all 10 named users are taken") }) {
                    _ = try await catalog.takeSeat(kind: .data, holder: "late", userId: "newcomer", app: "transport", node: "n",
                                                   limits: limits, leaseUntil: Self.t0 + 60, now: Self.t0 + 2)
                }
                #expect(try await catalog.namedUserCount() == 10)
            }
        }
    }

    @Test("seats: a lapsed lease no longer counts; a holder's retake returns its seat", arguments: DatabaseKind.available)
    func lapsedSeats(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let limits = SeatLimits(dataSessions: 2)
            func take(_ holder: String, at now: Date, lease: TimeInterval = 60) async throws -> Seat {
                try await catalog.takeSeat(kind: .data, holder: holder, userId: "alice", app: "transport", node: "node-a",
                                           limits: limits, leaseUntil: now + lease, now: now)
            }
            let a = try await take("s1", at: Self.t0)
            _ = try await take("s2", at: Self.t0 + 1)
            await expectCatalogError({ $0 == .limitReached("all 2 data-session seats are in use") }) {
                _ = try await take("s3", at: Self.t0 + 30)
            }
            // The same holder again: the same seat, lease extended, nothing more taken.
            let retaken = try await take("s1", at: Self.t0 + 30)
            #expect(retaken.id == a.id && retaken.leaseUntil == Self.t0 + 90)
            // s2's lease ended at t0+61: its place is free, s1 still holds.
            let c = try await take("s3", at: Self.t0 + 61)
            #expect(Set(try await catalog.heldSeats(now: Self.t0 + 61).map(\.id)) == [a.id, c.id])
            // A lapsed seat cannot be renewed; a held one can.
            await expectCatalogError(\.isNotFound) { try await catalog.renewSeat(id: a.id, until: Self.t0 + 500, now: Self.t0 + 91) }
            try await catalog.renewSeat(id: c.id, until: Self.t0 + 500, now: Self.t0 + 100)
            #expect(try await catalog.seat(id: c.id)?.leaseUntil == Self.t0 + 500)
            await expectCatalogError(\.isInvalid) { _ = try await take("s4", at: Self.t0, lease: 0) }
        }
    }

    @Test("seats: returnSeat is idempotent and frees the seat", arguments: DatabaseKind.available)
    func returnSeatIsIdempotent(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let limits = SeatLimits(dataSessions: 1)
            let seat = try await catalog.takeSeat(kind: .data, holder: "s1", userId: "alice", app: "transport", node: "node-a",
                                                  limits: limits, leaseUntil: Self.t0 + 60, now: Self.t0)
            try await catalog.returnSeat(id: seat.id, reason: "stopped by user", now: Self.t0 + 10)
            try await catalog.returnSeat(id: seat.id, reason: "again", now: Self.t0 + 20)
            let stored = try #require(try await catalog.seat(id: seat.id))
            #expect(stored.returnedAt == Self.t0 + 10 && stored.returnReason == "stopped by user")
            #expect(!stored.isHeld(at: Self.t0 + 11))
            #expect(try await catalog.heldSeats(now: Self.t0 + 11).isEmpty)
            _ = try await catalog.takeSeat(kind: .data, holder: "s2", userId: "bob", app: "transport", node: "node-a",
                                           limits: limits, leaseUntil: Self.t0 + 60, now: Self.t0 + 11)
            await expectCatalogError(\.isNotFound) { try await catalog.returnSeat(id: "nope", reason: "x") }
            // One audit row per take and per (first) return, about the app.
            let audit = try await catalog.auditLog(limit: 100, target: "app:transport")
            #expect(audit.filter { $0.action == "seat.return" }.count == 1)
            #expect(audit.filter { $0.action == "seat.take" }.count == 2)
            // The history keeps everything, filtered by time, user and app.
            #expect(try await catalog.seatHistory(from: nil, to: nil, userId: nil, app: nil, limit: 10).count == 2)
            #expect(try await catalog.seatHistory(from: nil, to: nil, userId: "alice", app: nil, limit: 10).map(\.id) == [seat.id])
            #expect(try await catalog.seatHistory(from: Self.t0 + 15, to: nil, userId: nil, app: nil, limit: 10).count == 1)
            #expect(try await catalog.seatHistory(from: nil, to: Self.t0 + 5, userId: nil, app: nil, limit: 10).map(\.id) == [seat.id])
            #expect(try await catalog.seatHistory(from: nil, to: nil, userId: nil, app: "other", limit: 10).isEmpty)
        }
    }

    @Test("seats: renewSeats extends only that node's held seats", arguments: DatabaseKind.available)
    func renewSeatsPerNode(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            var ids: [String: [String]] = [:]
            for (i, node) in ["node-a", "node-a", "node-b"].enumerated() {
                let seat = try await catalog.takeSeat(kind: i == 1 ? .solve : .data, holder: "h\(i)", userId: "alice", app: "transport",
                                                      node: node, limits: .unlimited, leaseUntil: Self.t0 + 60, now: Self.t0)
                ids[node, default: []].append(seat.id)
            }
            #expect(try await catalog.renewSeats(node: "node-a", until: Self.t0 + 120, now: Self.t0 + 30) == 2)
            #expect(Set(try await catalog.heldSeats(now: Self.t0 + 90).map(\.id)) == Set(ids["node-a"]!))
            // Lapsed seats are not revived.
            #expect(try await catalog.renewSeats(node: "node-b", until: Self.t0 + 300, now: Self.t0 + 90) == 0)
            #expect(try await catalog.renewSeats(node: "node-c", until: Self.t0 + 300, now: Self.t0) == 0)
            // The lapsed seat's history is closed at its lease's end; held seats stay open.
            let closed = try await catalog.closeLapsedSeats(now: Self.t0 + 90)
            #expect(closed.map(\.id) == ids["node-b"]!)
            #expect(closed.first?.returnedAt == Self.t0 + 60 && closed.first?.returnReason == "lease lapsed")
            #expect(try await catalog.closeLapsedSeats(now: Self.t0 + 90).isEmpty)
            #expect(try await catalog.heldSeats(now: Self.t0 + 90).count == 2)
        }
    }
}
