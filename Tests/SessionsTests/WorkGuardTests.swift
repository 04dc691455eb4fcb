import Foundation
import Synchronization
import Testing
@testable import Sessions

/// The work guard is a real forked process: these tests start real runtimes and check that it
/// kills exactly the watched groups — when it is not renewed, and when its node goes away —
/// and nothing while it is renewed or after a quiet close.
@Suite(.serialized) struct WorkGuardTests {
    func sleeper(_ dir: TemporaryDirectory, _ name: String, guard workGuard: WorkGuard?) throws -> RuntimeProcess {
        // A child under the shell too: the whole group must die, not just its leader.
        let launch = ProcessLaunch(executable: "/bin/sh", arguments: ["sh", "-c", "sleep 600 & wait"],
                                   environment: ["PATH": "/usr/bin:/bin"], workingDirectory: dir.path)
        return try RuntimeProcess.start(launch, log: try SessionLog(path: dir.path + "/" + name), workGuard: workGuard)
    }

    @Test func killsWatchedGroupsWhenNotRenewedAndSparesForgottenOnes() async throws {
        let dir = try TemporaryDirectory()
        let workGuard = try WorkGuard(timeout: .seconds(10))
        defer { workGuard.close() }
        // Renewed from a thread of its own, started before anything else (the test's task, or a
        // thread started late on a loaded machine, could miss the first deadline), every 100 ms
        // for 12 s: well past the timeout, nothing happens.
        // Whether the watched group lived through the renewals is read by that thread right
        // after its last renewal: the test's task may wake more than the timeout later on a
        // loaded machine (the cooperative threads blocked by other tests), by when the guard has
        // rightly fired.
        let seen = RenewalWitness()
        let renewer = Thread {
            for _ in 0..<120 {
                workGuard.renew()
                usleep(100_000)
            }
            seen.aliveAtEnd.withLock { $0 = seen.watched.withLock { $0 }.map { $0.exit == nil } }
        }
        renewer.start()
        let watched = try sleeper(dir, "a", guard: workGuard)
        seen.watched.withLock { $0 = watched }
        let unwatched = try sleeper(dir, "b", guard: nil)
        while !renewer.isFinished { try await Task.sleep(for: .milliseconds(100)) }
        #expect(seen.aliveAtEnd.withLock { $0 } == true)
        // Not renewed: the watched group is killed, the other one is not.
        #expect(await watched.waitForExit() == .signaled(SIGKILL))
        #expect(workGuard.mayHaveFired)
        try await Task.sleep(for: .milliseconds(300))
        #expect(unwatched.exit == nil)
        await unwatched.stop(grace: .seconds(5))
    }

    @Test func killsEverythingWhenItsNodeDiesButNothingAfterAQuietClose() async throws {
        let dir = try TemporaryDirectory()
        // The node here is a child process holding the guard's pipe: model it with a guard
        // whose write end closes without the quit command, by exiting a forked holder.
        let quiet = try WorkGuard(timeout: .seconds(60))
        let spared = try sleeper(dir, "a", guard: quiet)
        quiet.close()
        try await Task.sleep(for: .milliseconds(300))
        #expect(spared.exit == nil)
        await spared.stop(grace: .seconds(5))

        let dying = try WorkGuard(timeout: .seconds(60))
        let victim = try sleeper(dir, "b", guard: dying)
        dying.closeWithoutQuitting()
        #expect(await victim.waitForExit() == .signaled(SIGKILL))
    }
}

/// What the renewing thread saw of the watched group after its last renewal.
final class RenewalWitness: Sendable {
    let watched = Mutex<RuntimeProcess?>(nil)
    let aliveAtEnd = Mutex<Bool?>(nil)
}
