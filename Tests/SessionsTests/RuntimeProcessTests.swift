import Foundation
import Testing
@testable import Sessions

@Suite(.serialized) struct RuntimeProcessTests {
    func launch(_ script: String, in dir: String, env: [String: String] = [:]) -> ProcessLaunch {
        ProcessLaunch(executable: "/bin/sh", arguments: ["sh", "-c", script],
                      environment: ["PATH": "/usr/bin:/bin"].merging(env) { $1 }, workingDirectory: dir)
    }

    @Test func runsInItsDirectoryWithOnlyTheGivenEnvironment() async throws {
        let dir = try TemporaryDirectory()
        let log = try SessionLog(path: dir.path + "/log")
        let process = try RuntimeProcess.start(launch("pwd; env | sort; ulimit -n; ulimit -c", in: dir.path, env: ["ATRIUM_X": "1"]), log: log)
        #expect(await process.waitForExit() == .exited(0))
        let text = log.contents()
        #expect(text.contains(dir.path + "\n"))
        #expect(text.contains("ATRIUM_X=1"))
        #expect(!text.contains("HOME="))  // nothing inherited from the test process
        #expect(text.contains("1024\n0\n"))
    }

    @Test func exitCodesAndSignalsAreReported() async throws {
        let dir = try TemporaryDirectory()
        let failing = try RuntimeProcess.start(launch("echo boom >&2; exit 3", in: dir.path), log: try SessionLog(path: dir.path + "/a"))
        #expect(await failing.waitForExit() == .exited(3))
        #expect(failing.log.contents() == "boom\n")
        let killed = try RuntimeProcess.start(launch("kill -9 $$", in: dir.path), log: try SessionLog(path: dir.path + "/b"))
        #expect(await killed.waitForExit() == .signaled(9))
    }

    @Test func missingExecutableIsASpawnError() throws {
        let dir = try TemporaryDirectory()
        let bad = ProcessLaunch(executable: dir.path + "/nope", arguments: ["nope"], environment: [:], workingDirectory: dir.path)
        #expect(throws: SessionError.self) { try RuntimeProcess.start(bad, log: try SessionLog(path: dir.path + "/log")) }
        let badDir = ProcessLaunch(executable: "/bin/true", arguments: ["true"], environment: [:], workingDirectory: dir.path + "/missing")
        #expect(throws: SessionError.self) { try RuntimeProcess.start(badDir, log: try SessionLog(path: dir.path + "/log2")) }
    }

    @Test func stopTermsTheWholeGroupAndKillsWhatIgnoresIt() async throws {
        let dir = try TemporaryDirectory()
        // A child that ignores SIGTERM and keeps the output pipe open, under a parent that obeys.
        let script = "sh -c 'trap \"\" TERM; echo child $$; while :; do sleep 0.05; done' & echo started; wait"
        let process = try RuntimeProcess.start(launch(script, in: dir.path), log: try SessionLog(path: dir.path + "/log"))
        try await waitUntil(seconds: 60) { process.log.contents().contains("child") }
        let childPid = Int32(process.log.contents().split(separator: "\n").first { $0.hasPrefix("child") }!.split(separator: " ")[1])!
        let started = ContinuousClock.now
        let exit = await process.stop(grace: .milliseconds(300))
        #expect(exit == .signaled(15))
        #expect(ContinuousClock.now - started < .seconds(10))
        try await waitUntil(seconds: 60) { ProcessState.isGone(childPid) }  // the stubborn child is gone too

        let stubborn = try RuntimeProcess.start(launch("trap '' TERM; echo up; while :; do sleep 0.05; done", in: dir.path),
                                                log: try SessionLog(path: dir.path + "/log2"))
        try await waitUntil(seconds: 60) { stubborn.log.contents().contains("up") }
        #expect(await stubborn.stop(grace: .milliseconds(200)) == .signaled(9))
        #expect(stubborn.log.contents().contains("did not stop within"))
    }

    @Test func floodingOutputIsBoundedAndKeepsHeadAndTail() async throws {
        let dir = try TemporaryDirectory()
        let limit = 64 << 10
        let log = try SessionLog(path: dir.path + "/log", limit: limit)
        let script = "echo FIRST; i=0; while [ $i -lt 20000 ]; do echo \"line $i xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"; i=$((i+1)); done; head -c 100000 /dev/zero | tr '\\0' a; echo; echo LAST"
        let process = try RuntimeProcess.start(launch(script, in: dir.path), log: log)
        #expect(await process.waitForExit() == .exited(0))
        log.finish()
        let size = try FileManager.default.attributesOfItem(atPath: dir.path + "/log")[.size] as! Int
        #expect(size <= limit + 512)
        let text = log.contents()
        #expect(text.hasPrefix("FIRST\n"))
        #expect(text.hasSuffix("LAST\n"))
        #expect(text.contains("bytes of output dropped"))
        #expect(text.contains("…[line cut]"))  // the 100,000-byte line was cut at 4 KiB
    }

    @Test func progressLinesArriveAsTheyAreWritten() async throws {
        let dir = try TemporaryDirectory()
        let lines = LineCollector()
        let process = try RuntimeProcess.start(launch("echo 'progress: 1'; printf 'progress: 2\\r\\n'; printf 'no newline'", in: dir.path),
                                               log: try SessionLog(path: dir.path + "/log")) { lines.add($0) }
        _ = await process.waitForExit()
        #expect(lines.all == ["progress: 1", "progress: 2", "no newline"])
        #expect(process.log.contents().hasSuffix("no newline\n"))
    }
}
