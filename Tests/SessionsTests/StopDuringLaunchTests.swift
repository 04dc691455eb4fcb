import Catalog
import Foundation
import Store
import Testing
@testable import Sessions

/// A stop handled while a launch is still awaiting (runtime, app, token, process, ready probe)
/// wins: the launch does not bring the session back.
@Suite(.serialized) struct StopDuringLaunchTests {
    @Test func aStopDuringALaunchEndsTheSessionAndItStaysEnded() async throws {
        let fixture = try await SessionFixture()
        let manager = fixture.manager
        let userId = fixture.user.id
        try await addAppOnLargeRuntime(fixture, named: "large")
        let launch = Task { try await manager.launch(userId: userId, app: "large") }
        // The session is live (and its record exists) as soon as its seat is taken; stop it at once,
        // while the launch is still preparing its (large) runtime, before its process exists.
        var id: String?
        try await waitUntil {
            id = try await fixture.catalog.listDataSessions(userId: userId, activeOnly: true, limit: 10).first?.id
            guard let id else { return false }
            return await manager.isLive(id)
        }
        let sessionId = try #require(id)
        await manager.stop(sessionId)

        // The launch gives up as stopped: it neither starts the runtime of an ended session nor
        // puts the session back.
        await #expect {
            _ = try await launch.value
        } throws: { error in
            guard case SessionError.notReady(let why) = error else { return false }
            return why.contains("stopped while starting")
        }
        #expect(await !manager.isLive(sessionId))
        #expect(await manager.runningCount == 0)
        #expect(await manager.proxy.target(session: sessionId) == nil)
        #expect(try await fixture.catalog.heldSeats().isEmpty)
        let ended = try #require(try await fixture.catalog.dataSession(id: sessionId))
        #expect(ended.state == .ended)
        #expect(ended.endReason == "stopped (requested)")
        // A tick afterwards finds nothing to bring back either.
        await manager.tick()
        #expect(await !manager.isLive(sessionId))
        #expect(try await fixture.catalog.dataSession(id: sessionId)?.state == .ended)
        await fixture.close()
    }

    /// An app that serves as `ok` does, on a runtime package carrying a large incompressible file, so
    /// that preparing its runtime (the first extraction) keeps a launch busy before its process starts.
    private func addAppOnLargeRuntime(_ fixture: SessionFixture, named name: String) async throws {
        let root = fixture.directory.path
        try await SessionFixture.registerRuntime(root: root, blobs: fixture.blobs, catalog: fixture.catalog, key: fixture.publisher,
                                                 name: "large-runtime", padding: 64 << 20)
        // An unknown mode serves as `ok` does.
        let digest = try SessionFixture.sealApp(root: root, mode: name, key: fixture.appKey.publicKey, blobs: fixture.blobs)
        _ = try await fixture.catalog.createApp(name: name, title: name)
        _ = try await fixture.catalog.addVersion(app: name, version: "1", sealedDigest: digest, runtimeName: "large-runtime", runtimeVersion: "1")
    }
}
