import Foundation
import Testing
@testable import Sessions

@Suite struct JobMachineTests {
    @Test func successNeedsExitZeroAndAnOutput() {
        var ok = JobMachine()
        #expect(ok.handle(.exited(.exited(0), outputWritten: true)) == [.storeResult])
        #expect(ok.state == .finished(.succeeded))
        var noOutput = JobMachine()
        #expect(noOutput.handle(.exited(.exited(0), outputWritten: false)) == [.record(.failed("the runtime exited without writing a result"))])
        var failed = JobMachine()
        #expect(failed.handle(.exited(.exited(2), outputWritten: true)) == [.record(.failed("the runtime failed (exit code 2)"))])
    }

    @Test func timeoutAndCancelStopTheProcessThenRecord() {
        var timeout = JobMachine()
        #expect(timeout.handle(.timedOut) == [.terminate])
        #expect(timeout.handle(.cancelRequested) == [])
        #expect(timeout.handle(.exited(.signaled(15), outputWritten: false)) == [.record(.failed("it ran past its time limit"))])
        var cancel = JobMachine()
        #expect(cancel.handle(.cancelRequested) == [.terminate])
        // A result that lands while stopping is not stored: the user cancelled.
        #expect(cancel.handle(.exited(.exited(0), outputWritten: true)) == [.record(.cancelled)])
    }

    @Test func lostLeaseStopsQuietlyAndShutdownRequeues() {
        var lost = JobMachine()
        #expect(lost.handle(.leaseLost) == [.terminate])
        #expect(lost.handle(.exited(.signaled(15), outputWritten: false)) == [])
        #expect(lost.state == .finished(.abandoned))
        var shutdown = JobMachine()
        #expect(shutdown.handle(.shutdown) == [.terminate])
        #expect(shutdown.handle(.exited(.signaled(15), outputWritten: false)) == [.record(.requeued)])
    }

    @Test func aFailureBeforeTheExitFailsTheJobUnlessTheCatalogFailedOrItWasStopping() {
        var broken = JobMachine()
        #expect(broken.handle(.failed("the runtime package is broken", transient: false)) == [.record(.failed("the runtime package is broken"))])
        #expect(broken.state == .finished(.failed("the runtime package is broken")))
        // The catalog failed under it: given back to the queue, not the model's failure.
        var transient = JobMachine()
        #expect(transient.handle(.failed("connection reset", transient: true)) == [.record(.abandoned)])
        #expect(transient.state == .finished(.abandoned))
        // Cancelled or timed out while preparing: that is the outcome, whatever failed after.
        var cancelled = JobMachine()
        #expect(cancelled.handle(.cancelRequested) == [.terminate])
        #expect(cancelled.handle(.failed("connection reset", transient: true)) == [.record(.cancelled)])
        var timedOut = JobMachine()
        _ = timedOut.handle(.timedOut)
        #expect(timedOut.handle(.failed("no such file", transient: false)) == [.record(.failed("it ran past its time limit"))])
        // Once finished, nothing more.
        #expect(timedOut.handle(.failed("again", transient: false)) == [])
    }

    @Test func aKillByTheWorkGuardAbandonsQuietly() {
        var fenced = JobMachine()
        #expect(fenced.handle(.exited(.signaled(SIGKILL), outputWritten: true, workGuardMayHaveFired: true)) == [])
        #expect(fenced.state == .finished(.abandoned))
        // A SIGKILL from elsewhere is a failure of the runtime.
        var killed = JobMachine()
        #expect(killed.handle(.exited(.signaled(SIGKILL), outputWritten: false)) == [.record(.failed("the runtime failed (killed by signal 9 (SIGKILL))"))])
        // A cancel being carried out stays a cancel.
        var cancelled = JobMachine()
        _ = cancelled.handle(.cancelRequested)
        #expect(cancelled.handle(.exited(.signaled(SIGKILL), outputWritten: false, workGuardMayHaveFired: true)) == [.record(.cancelled)])
    }

    @Test func nodeLossRequeuesAtMostThreeAttempts() {
        #expect(JobMachine.afterNodeLoss(attempts: 1) == .requeued)
        #expect(JobMachine.afterNodeLoss(attempts: 2) == .requeued)
        #expect(JobMachine.afterNodeLoss(attempts: 3) == .failed("its node stopped answering 3 times"))
    }
}
