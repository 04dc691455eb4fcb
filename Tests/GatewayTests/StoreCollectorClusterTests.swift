import Catalog
import Foundation
import Gateway
import Logging
@testable import Sessions
import Store
import Testing

/// The store's gc on a cluster node (on the SQLite catalog, which holds the same master lease
/// row): only the master collects, its roots are read fenced by its lease token, and a node
/// that believes it is master after another took over deletes nothing.
@Suite struct StoreCollectorClusterTests {
    struct Node {
        let catalog: Catalog
        let store: BlobStore
        let state: ClusterState
        let collector: StoreCollector
        let garbage: BlobDigest
        let kept: BlobDigest
    }

    static func withNode(_ body: (Node) async throws -> Void) async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let catalog = try await Catalog.open(.sqlite(path: dir.path + "/catalog.sqlite", bcryptCost: 4))
        do {
            let store = try BlobStore.initialize(at: dir.path + "/store")
            let owner = try await catalog.createUser(name: "alice", displayName: "Alice", password: "alice-password", role: .user)
            _ = try await catalog.createApp(name: "plan", title: "Plan")
            let kept = try store.put(Array("the head manifest".utf8)).digest
            _ = try await catalog.createCase(app: "plan", ownerId: owner.id, name: "c", head: kept)
            let garbage = try store.put(Array("a superseded frame".utf8)).digest
            let state = ClusterState(settings: ClusterSettings(node: "n1", solveSlots: 1, heartbeat: 1, deadAfter: 3),
                                     address: "https://127.0.0.1:1")
            let collector = StoreCollector(catalog: catalog, blobs: store, grace: 0, cluster: state, node: "n1",
                                           executor: BlockingExecutor(), logger: Logger(label: "test"))
            try await body(Node(catalog: catalog, store: store, state: state, collector: collector, garbage: garbage, kept: kept))
        } catch {
            await catalog.close()
            throw error
        }
        await catalog.close()
    }

    @Test func aNodeWithoutTheLeaseCollectsNothing() async throws {
        try await Self.withNode { node async throws in
            await #expect(throws: StoreCollector.NotMaster.self) { try await node.collector.collect(trigger: .admin, by: .system) }
            await node.collector.scheduled()
            #expect(try node.store.contains(node.garbage))
            #expect(try await node.catalog.lastStoreGC() == nil)
        }
    }

    @Test func theMasterCollectsWithItsToken() async throws {
        try await Self.withNode { node async throws in
            let lease = try #require(try await node.catalog.acquireMaster(node: "n1", leaseUntil: Date() + 60))
            node.state.set(lease: lease)
            await node.collector.scheduled()
            #expect(try !node.store.contains(node.garbage))
            #expect(try node.store.contains(node.kept))
            let last = try #require(try await node.collector.lastRun())
            #expect(last.deletedBlobs == 1 && last.node == "n1" && last.trigger == .scheduled)
        }
    }

    @Test func aMasterThatWasReplacedIsFencedAndDeletesNothing() async throws {
        try await Self.withNode { node async throws in
            let now = Date()
            let lease = try #require(try await node.catalog.acquireMaster(node: "n1", leaseUntil: now + 60, now: now))
            node.state.set(lease: lease)
            // n1 stalls; by n2's clock its lease lapsed and n2 took over (token + 1). n1 still
            // believes it holds the lease.
            let taken = try #require(try await node.catalog.acquireMaster(node: "n2", leaseUntil: now + 3600, now: now + 61))
            #expect(taken.token == lease.token + 1)
            #expect(node.state.masterLease() != nil)
            await #expect(throws: StoreCollector.NotMaster.self) { try await node.collector.collect(trigger: .admin, by: .system) }
            #expect(try node.store.contains(node.garbage))
            #expect(node.state.masterLease() == nil, "the refused token is dropped")
            #expect(try await node.catalog.lastStoreGC() == nil)
        }
    }
}
