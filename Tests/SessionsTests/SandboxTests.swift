import Foundation
import Testing
@testable import Sessions

/// The sandbox with real bwrap, setpriv and processes (root here, as in CI).
@Suite(.serialized) struct SandboxTests {
    @Test func runsAsItsOwnUidWithoutCapabilitiesOrNewPrivileges() async throws {
        let fixture = try SandboxFixture()
        let space = try await fixture.space()
        defer { Task { await space.release() } }
        let uid = try #require(space.profile?.uid)
        #expect(uid != 0 && uid != getuid())
        let (exit, text, _) = try await fixture.run("id -u; id -g; id -G; grep -E '^(Cap|NoNewPrivs|Seccomp:)' /proc/self/status; pwd; whoami", in: space)
        #expect(exit == .exited(0), "\(text)")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.prefix(3) == ["\(uid)", "\(uid)", "\(uid)"], "\(text)")
        for set in ["CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"] {
            #expect(lines.contains("\(set):\t0000000000000000"), "\(text)")
        }
        #expect(lines.contains("NoNewPrivs:\t1"))
        #expect(lines.contains("Seccomp:\t2"))  // the filter is on
        #expect(lines.contains("/atrium/work"))
        #expect(lines.contains("atrium"))
    }
}

@Suite(.serialized) struct SandboxContainmentTests {
    @Test func seesNeitherDataNorHostProcessesNorNetworkAndCannotWriteOutsideItsWork() async throws {
        let fixture = try SandboxFixture()
        let space = try await fixture.space()
        defer { Task { await space.release() } }
        let script = """
            ls /proc | grep -E '^[0-9]+$' | wc -l
            ls \(fixture.root.path) 2>&1 | head -1
            cat /atrium/app/model.mod
            echo x > /atrium/app/new 2>/dev/null || echo app-ro
            echo x > /usr/new 2>/dev/null || echo usr-ro
            echo x > /atrium/work/ok && echo work-rw
            grep -c : /proc/net/dev
            cat /proc/net/dev
            head -c 6000000 /dev/zero > /tmp/big 2>/dev/null || echo tmp-full
            """
        let (exit, text, _) = try await fixture.run(script, in: space)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(exit == .exited(0), "\(text)")
        #expect(Int(lines[0]) ?? 99 <= 6, "\(text)")  // bwrap's init, sh and its pipeline only
        #expect(lines[1].contains("No such file"), "\(text)")
        #expect(lines.contains("model"))
        #expect(lines.contains("app-ro") && lines.contains("usr-ro") && lines.contains("work-rw"), "\(text)")
        #expect(text.contains("lo:") && !text.contains("eth"), "\(text)")
        #expect(lines.contains("tmp-full"), "\(text)")  // 4 MiB /tmp
    }

    @Test func ptraceMountUnshareAndKeyctlAreRefused() async throws {
        let fixture = try SandboxFixture()
        let space = try await fixture.space()
        defer { Task { await space.release() } }
        let script = """
            unshare -U true 2>&1 | head -1
            mount -t tmpfs none /atrium/work 2>&1 | head -1
            python3 -c 'import ctypes; l=ctypes.CDLL(None, use_errno=True); r=l.syscall(250, 0, 0, 0, 0, 0); print("keyctl", r, ctypes.get_errno())'
            python3 -c 'import ctypes; l=ctypes.CDLL(None, use_errno=True); r=l.syscall(101, 16, 1, 0, 0); print("ptrace", r, ctypes.get_errno())'
            """
        let (_, text, _) = try await fixture.run(script, in: space)
        #expect(text.contains("unshare failed: Operation not permitted"), "\(text)")
        #expect(text.contains("Operation not permitted") || text.contains("permission denied"), "\(text)")
        #expect(text.contains("keyctl -1 1"), "\(text)")
        #expect(text.contains("ptrace -1 1"), "\(text)")
    }

    @Test func aForkBombStopsAtTheProcessLimitAndBigFilesAtTheFileSizeLimit() async throws {
        let fixture = try SandboxFixture()
        let space = try await fixture.space(.solve)
        defer { Task { await space.release() } }
        let (_, bomb, _) = try await fixture.run("for i in $(seq 1 200); do sleep 30 & done 2>&1 | head -1; echo spawned", in: space)
        #expect(bomb.contains("fork") || bomb.contains("Resource temporarily unavailable"), "\(bomb)")
        let (exit, text, process) = try await fixture.run("exec head -c 2000000 /dev/zero > /atrium/work/big", in: space,
                                                          logName: "log2")
        _ = text
        #expect(exit == .exited(128 + SIGXFSZ) || process.limit == .fileSize)
        #expect(process.limit == .fileSize)
        #expect(process.log.contents().contains("file size limit"))
    }

    @Test func aPlantedOutputLinkIsRefused() async throws {
        let fixture = try SandboxFixture()
        let space = try await fixture.space(.solve)
        defer { Task { await space.release() } }
        let (exit, _, _) = try await fixture.run("ln -s \(fixture.root.path)/data/catalog.sqlite /atrium/work/output.case", in: space)
        #expect(exit == .exited(0))
        #expect(throws: SessionError.self) { try SolveOutput.open(space.workDirectory + "/output.case") }
        ScratchDirectory.remove(space.directory)
        #expect(FileManager.default.fileExists(atPath: fixture.root.path + "/data/catalog.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: space.directory))
    }

    @Test func theProbeRunsAFullSandbox() async throws {
        let fixture = try SandboxFixture()
        #expect(await Sandbox.probe(settings: fixture.settings, directory: fixture.root.path, executor: fixture.executor) == nil)
        var broken = fixture.settings
        broken.bwrapPath = "/nonexistent/bwrap"
        #expect(await Sandbox.probe(settings: broken, directory: fixture.root.path, executor: fixture.executor) != nil)
    }
}

@Suite(.serialized) struct SandboxHostProgramTests {
    /// The reference runtime is a host program outside the system directories (a debug build
    /// links the toolchain's libraries, libswiftSwiftOnoneSupport.so among them): it starts
    /// inside with those libraries found.
    @Test func theReferenceRuntimeStartsInside() async throws {
        let fixture = try SandboxFixture()
        let space = try await fixture.space(.solve)
        defer { Task { await space.release() } }
        let log = try SessionLog(path: fixture.root.path + "/log")
        let launch = ProcessLaunch(executable: SandboxFixture.referenceRuntime, arguments: ["atrium-runtime-mathprog", "--help"],
                                   environment: ["PATH": "/usr/bin:/bin"], workingDirectory: "/")
        let process = try space.start(launch, log: log, workGuard: nil)
        let exit = await process.waitForExit()
        #expect(exit == .exited(0), "\(log.contents())")
        #expect(log.contents().contains("USAGE: atrium-runtime-mathprog"), "\(log.contents())")
    }
}

@Suite(.serialized) struct SandboxLimitEndTests {
    /// A solve past its CPU seconds gets SIGXCPU (the soft limit, under a hard one 5 s above) and
    /// ends with "CPU time limit".
    @Test func aSolvePastItsCPUSecondsEndsWithTheCPULimit() async throws {
        var fixture = try SandboxFixture()
        fixture.settings.solveCPUSeconds = 1
        let space = try await fixture.space(.solve)
        defer { Task { await space.release() } }
        let (exit, text, process) = try await fixture.run("while :; do :; done", in: space)
        #expect(exit == .exited(128 + SIGXCPU) || exit == .signaled(SIGXCPU), "\(text)")
        #expect(process.limit == .cpuTime)
        #expect(process.log.contents().contains("CPU time limit"))
    }

    /// With a memory cgroup there is no address-space limit: a runtime allocating past its memory
    /// is OOM-killed by the cgroup and ends with "memory limit", not its own allocation error.
    @Test func allocatingPastTheMemoryLimitEndsWithTheMemoryLimit() async throws {
        var fixture = try SandboxFixture()
        fixture.settings.memoryBytes = 64 << 20
        let space = try await fixture.space(.solve)
        defer { Task { await space.release() } }
        try #require(space.cgroup != nil, "this host gives no memory cgroup: \(space.cgroupNote ?? "")")
        let script = "exec python3 -c 'b = []\nwhile len(b) < 64: b.append(bytearray(16 << 20))\nprint(\"allocated\")'"
        let (exit, text, process) = try await fixture.run(script, in: space)
        #expect(!exit.succeeded, "\(text)")
        #expect(!text.contains("MemoryError") && !text.contains("allocated"), "\(text)")
        #expect(process.limit == .memory, "\(exit) \(text)")
        #expect(process.log.contents().contains("memory limit"))
    }
}

@Suite(.serialized) struct SandboxScratchTests {
    /// `S/work` is a tmpfs of `scratchBytes` mounted on the host: writing past it fails with ENOSPC,
    /// what was written is readable from the host path, and removing `S` unmounts it.
    @Test func theWorkDirectoryHasTheScratchSize() async throws {
        let fixture = try SandboxFixture()
        let space = try await fixture.space(.solve)
        let (_, text, _) = try await fixture.run("echo out > /atrium/work/output.case; for i in 1 2 3 4 5 6; do head -c 1000000 /dev/zero > /atrium/work/f$i || exit 9; done", in: space)
        #expect(text.contains("No space left on device"), "\(text)")
        #expect(try String(contentsOfFile: space.workDirectory + "/output.case", encoding: .utf8) == "out\n")
        let mounts = { (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) ?? "" }
        #expect(mounts().contains(" \(space.workDirectory) tmpfs "))
        ScratchDirectory.remove(space.directory)
        await space.release()
        #expect(!mounts().contains(space.workDirectory))
        #expect(!FileManager.default.fileExists(atPath: space.directory))
    }
}
