import Foundation
import Store
import Testing

/// Slots taken ahead (``BlockingExecutor/reserve(_:for:)``): one holder gets at most its share of
/// the transfers lane, others still get theirs until the lane is full, a slot dropped unused is
/// given back, and a slot's call frees it for the holder's next.
@Suite struct BlockingSlotTests {
    @Test func aHolderGetsItsShareOthersTheRestAndDroppedSlotsComeBack() async throws {
        let executor = BlockingExecutor(limits: BlockingLimits(transfers: 5, transfersPerHolder: 2))
        var alices = [try executor.reserve(.transfers, for: "alice"), try executor.reserve(.transfers, for: "alice")]
        #expect(throws: BlockingLaneShareFull(lane: .transfers, holder: "alice", share: 2)) {
            try executor.reserve(.transfers, for: "alice")
        }
        // Alice's spent share leaves bob's.
        var bobs = [try executor.reserve(.transfers, for: "bob"), try executor.reserve(.transfers, for: "bob")]
        var carol: BlockingSlot? = try executor.reserve(.transfers, for: "carol")
        // Five slots out: the lane is full for anyone with share left.
        #expect(throws: BlockingLaneFull(lane: .transfers, limit: 5)) { try executor.reserve(.transfers, for: "dave") }
        await #expect(throws: BlockingLaneFull.self) { try await executor.run(.transfers) { 1 } }

        // A slot dropped without running is given back, to its holder's share and the lane.
        alices.removeLast()
        let again = try executor.reserve(.transfers, for: "alice")
        // A slot runs its call, then is free.
        #expect(try await again.run { 42 } == 42)
        #expect(try await bobs.removeLast().run { "done" } == "done")
        let dave = try executor.reserve(.transfers, for: "dave")
        #expect(try await dave.run { 7 } == 7)
        #expect(carol != nil)
        // Shutdown waits for every slot taken: all of them are given back first.
        carol = nil
        alices.removeAll()
        bobs.removeAll()
        await executor.shutdown()
    }

    @Test func shutdownWaitsForReservedSlotsAndRefusesNewOnes() async throws {
        let executor = BlockingExecutor(limits: BlockingLimits(transfers: 2, transfersPerHolder: 2))
        let slot = try executor.reserve(.transfers, for: "alice")
        let stopped = Task { await executor.shutdown() }
        try await Task.sleep(for: .milliseconds(50))
        #expect(throws: BlockingExecutorShutDown(lane: .transfers)) { try executor.reserve(.transfers, for: "bob") }
        // The slot admitted before shutdown still runs; shutdown returns after it.
        #expect(try await slot.run { 1 } == 1)
        await stopped.value
    }
}
