import Catalog
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

    @Test func aLostJobIsQueuedAgainUntilItsLastAttemptThenFails() {
        func lost(_ loss: JobMachine.NodeLoss, attempts: Int, cancelRequested: Bool = false) -> JobHandBack {
            JobMachine.afterNodeLoss(loss, node: "b", attempts: attempts, maxAttempts: 3, cancelRequested: cancelRequested)
        }
        for loss in [JobMachine.NodeLoss.leaseLapsed, .nodeDead, .abandoned] {
            #expect(lost(loss, attempts: 1) == .requeue(countAttempt: true))
            #expect(lost(loss, attempts: 2) == .requeue(countAttempt: true))
        }
        #expect(lost(.leaseLapsed, attempts: 3) == .fail(reason: "its node stopped answering 3 times"))
        #expect(lost(.nodeDead, attempts: 3) == .fail(reason: "its node b stopped answering; 3 attempts"))
        #expect(lost(.abandoned, attempts: 3) == .fail(reason: "its node stopped 3 times while running it"))
        // A cancel requested before the loss is carried out, on any attempt.
        #expect(lost(.leaseLapsed, attempts: 1, cancelRequested: true) == .cancel(reason: "cancelled; its node stopped answering"))
        #expect(lost(.nodeDead, attempts: 3, cancelRequested: true) == .cancel(reason: "cancelled; its node b stopped answering"))
        #expect(lost(.abandoned, attempts: 2, cancelRequested: true) == .cancel(reason: "cancelled; its node stopped while running it"))
    }

    @Test func aJobGivenBackOfItsNodesOwnAccordGetsItsAttemptBack() {
        let job = JobRecord(id: "j", userId: "u", app: "a", appVersion: "1", caseId: "c", inputNumber: 1, priority: 5,
                            timeoutSeconds: 60, scheduledAt: Date(), state: .running, attempts: 3, maxAttempts: 3, node: "b",
                            leaseUntil: nil, cancelRequested: false, submittedAt: Date(), startedAt: nil, finishedAt: nil,
                            resultNumber: nil, reason: nil, progress: nil, logDigest: nil, sessionId: nil)
        #expect(JobMachine.givenBack(job) == .requeue(countAttempt: false))
        #expect(JobMachine.rule(after: .nodeDead)(job) == .fail(reason: "its node b stopped answering; 3 attempts"))
    }
}
