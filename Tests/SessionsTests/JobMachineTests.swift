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

    @Test func nodeLossRequeuesAtMostThreeAttempts() {
        #expect(JobMachine.afterNodeLoss(attempts: 1) == .requeued)
        #expect(JobMachine.afterNodeLoss(attempts: 2) == .requeued)
        #expect(JobMachine.afterNodeLoss(attempts: 3) == .failed("its node stopped answering 3 times"))
    }
}
