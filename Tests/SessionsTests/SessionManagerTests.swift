import Catalog
import Foundation
import Testing
@testable import Sessions

/// Data sessions as real processes (a Python runtime) on a real SQLite catalog and store.
@Suite(.serialized) struct SessionManagerTests {
    @Test func launchServesThroughTheProxyTargetAndStopReleasesEverything() async throws {
        let fixture = try await SessionFixture()
        let record = try await fixture.manager.launch(userId: fixture.user.id, app: "ok")
        #expect(record.state == .ready)
        let target = try #require(await fixture.manager.proxy.target(session: record.id))
        #expect(target.ownerId == fixture.user.id)
        // The runtime refuses callers without the proxy secret and got exactly the contract's environment.
        #expect(try await HTTPGet.status(socket: target.socketPath, path: "/", secret: nil) == 403)
        let (status, body) = try await HTTPGet.fetch(socket: target.socketPath, path: "/", secret: target.secret)
        #expect(status == 200)
        let env = try JSONDecoder().decode([String: String].self, from: Data(body.utf8))
        #expect(env["ATRIUM_SESSION_ID"] == record.id)
        #expect(env["ATRIUM_BASE_PATH"] == "/s/\(record.id)/")
        #expect(env["ATRIUM_APP"] == "ok")
        #expect(env["ATRIUM_LISTEN"]?.hasPrefix("unix:/") == true && env["ATRIUM_LISTEN"]?.hasSuffix("/serve.sock") == true)
        #expect(env["ATRIUM_API_SOCKET"] != nil && env["ATRIUM_CA_FILE"] == nil)
        #expect(env.keys.filter { !$0.hasPrefix("ATRIUM_") && !["PATH", "HOME", "TMPDIR", "LANG", "PWD", "LC_CTYPE"].contains($0) }.isEmpty)
        #expect(try await fixture.catalog.heldSeats().count == 1)

        await fixture.manager.stop(record.id)
        let ended = try #require(try await fixture.catalog.dataSession(id: record.id))
        #expect(ended.state == .ended)
        #expect(ended.endReason == "stopped (requested)")
        #expect(try await fixture.catalog.heldSeats().isEmpty)
        #expect(await fixture.manager.proxy.target(session: record.id) == nil)
        #expect(!FileManager.default.fileExists(atPath: fixture.settings.dataDirectory + "/sessions/" + record.id))
        let log = try #require(try await fixture.manager.log(record.id))
        #expect(log.contains("serve starting in mode ok"))
        #expect(log.contains("session ended: stopped (requested)"))
        await fixture.close()
    }

    /// DATA long enough that `DATA/sessions/<id>/sock/serve.sock` exceeds a socket path's 103
    /// bytes: the session is reached through the gateway's descriptor of its socket directory,
    /// a path that stops resolving once the session ended. Sandboxed, the runtime binds
    /// `/atrium/sock/serve.sock`; unsandboxed, that same short path.
    @Test(arguments: [true, false]) func aSessionUnderALongDataDirectoryIsReachable(sandboxed: Bool) async throws {
        let fixture = try await SessionFixture(dataName: "data-" + String(repeating: "d", count: 60), sandboxed: sandboxed)
        let record = try await fixture.manager.launch(userId: fixture.user.id, app: "ok")
        let target = try #require(await fixture.manager.proxy.target(session: record.id))
        #expect((fixture.settings.dataDirectory + "/sessions/\(record.id)/sock/serve.sock").utf8.count > UnixSocketPath.maximumLength)
        #expect(target.socketPath.hasPrefix("/proc/\(getpid())/fd/"))
        #expect(try await HTTPGet.status(socket: target.socketPath, path: "/healthz", secret: nil) == 200)
        await fixture.manager.stop(record.id)
        #expect(try await fixture.catalog.dataSession(id: record.id)?.endReason == "stopped (requested)")
        #expect(!FileManager.default.fileExists(atPath: target.socketPath))
        await fixture.close()
    }

    @Test func aRuntimeThatCrashesFailsTheLaunchWithItsOutput() async throws {
        let fixture = try await SessionFixture()
        await #expect {
            _ = try await fixture.manager.launch(userId: fixture.user.id, app: "crash")
        } throws: { error in
            guard case SessionError.exitedEarly(.exited(3), let tail) = error else { return false }
            return tail.contains("boom: the model file is broken")
        }
        #expect(try await fixture.catalog.heldSeats().isEmpty)
        let sessions = try await fixture.catalog.listDataSessions(userId: fixture.user.id, activeOnly: false, limit: 10)
        #expect(sessions.count == 1)
        #expect(sessions.first?.state == .ended)
        #expect(sessions.first?.endReason?.contains("crashed") == true)
        await fixture.close()
    }

    @Test func aRuntimeThatNeverGetsReadyIsStoppedAtTheLaunchTimeout() async throws {
        let fixture = try await SessionFixture(timeouts: SessionTimeouts(launch: 1.5, reconnectWindow: 300, idle: 3600))
        let started = ContinuousClock.now
        await #expect(throws: SessionError.self) {
            _ = try await fixture.manager.launch(userId: fixture.user.id, app: "never-ready")
        }
        #expect(ContinuousClock.now - started < .seconds(15))
        #expect(try await fixture.catalog.heldSeats().isEmpty)
        #expect(await fixture.manager.runningCount == 0)
        await fixture.close()
    }

    @Test func aRuntimeIgnoringSIGTERMIsKilledAfterItsGrace() async throws {
        let fixture = try await SessionFixture()
        let record = try await fixture.manager.launch(userId: fixture.user.id, app: "ignore-term")
        await fixture.manager.stop(record.id)
        let log = try #require(try await fixture.manager.log(record.id))
        #expect(log.contains("did not stop within"))
        #expect(try await fixture.catalog.dataSession(id: record.id)?.state == .ended)
        #expect(try await fixture.catalog.heldSeats().isEmpty)
        await fixture.close()
    }

    @Test func aFloodingRuntimeKeepsABoundedLog() async throws {
        let fixture = try await SessionFixture()
        let record = try await fixture.manager.launch(userId: fixture.user.id, app: "flood")
        await fixture.manager.stop(record.id)
        let log = try #require(try await fixture.manager.log(record.id))
        #expect(log.utf8.count <= SessionLog.defaultLimit + 4096)
        #expect(log.contains("serve starting in mode flood"))
        #expect(log.contains("flood line 99999"))
        await fixture.close()
    }

    @Test func killingTheRuntimeReturnsItsSeat() async throws {
        let fixture = try await SessionFixture()
        let record = try await fixture.manager.launch(userId: fixture.user.id, app: "ok")
        let target = try #require(await fixture.manager.proxy.target(session: record.id))
        let pid = try #require(try HTTPGet.listeningPid(socket: target.socketPath))
        kill(pid, SIGKILL)
        try await waitUntil { try await fixture.catalog.dataSession(id: record.id)?.state == .ended }
        #expect(try await fixture.catalog.heldSeats().isEmpty)
        let ended = try #require(try await fixture.catalog.dataSession(id: record.id))
        #expect(ended.state == .ended)
        #expect(ended.endReason == "crashed (killed by signal 9 (SIGKILL))")
        #expect(await fixture.manager.proxy.target(session: record.id) == nil)
        await fixture.close()
    }

    @Test func twoHundredConcurrentLaunchesAgainstTenSeatsYieldExactlyTen() async throws {
        let fixture = try await SessionFixture(limits: UnlicensedLimits(dataSessions: 10, optimizationSessions: 1, namedUsers: 1000))
        let results = await withTaskGroup(of: Result<String, any Error>.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    do { return .success(try await fixture.manager.launch(userId: fixture.user.id, app: "ok").id) } catch { return .failure(error) }
                }
            }
            var all: [Result<String, any Error>] = []
            for await result in group { all.append(result) }
            return all
        }
        let launched = results.compactMap { try? $0.get() }
        let refused = results.filter {
            if case .failure(SessionError.limitReached) = $0 { true } else { false }
        }
        #expect(launched.count == 10)
        #expect(refused.count == 190)
        #expect(try await fixture.catalog.heldSeats().count == 10)
        #expect(await fixture.manager.runningCount == 10)
        await fixture.manager.stopAll()
        #expect(try await fixture.catalog.heldSeats().isEmpty)
        await fixture.close()
    }

    @Test func closedTabAndIdleSessionsAreStoppedByTheTimers() async throws {
        let fixture = try await SessionFixture(timeouts: SessionTimeouts(launch: 20, reconnectWindow: 1, idle: 1000))
        let record = try await fixture.manager.launch(userId: fixture.user.id, app: "ok")
        await fixture.manager.activity(record.id, .socketOpened)
        await fixture.manager.tick(now: Date().addingTimeInterval(5))
        #expect(await fixture.manager.isLive(record.id))  // a socket is open
        await fixture.manager.activity(record.id, .socketClosed)
        await fixture.manager.tick(now: Date().addingTimeInterval(5))
        try await waitUntil { try await fixture.catalog.dataSession(id: record.id)?.state == .ended }
        #expect(try await fixture.catalog.dataSession(id: record.id)?.endReason == "stopped (disconnected)")
        await fixture.close()
    }
}
