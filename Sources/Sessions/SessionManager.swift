import Catalog
import Foundation
import Logging
import Store

/// Runs this node's data sessions (DESIGN §5): launch (seat, verified runtime, unsealed app,
/// process, ready probe), the proxy route, timers (reconnect window, idle, launch timeout),
/// stop, and the clean-up that returns the seat and revokes the session's token however the
/// session ends. Each session's life is a `DataSessionMachine`; this actor performs its actions.
public actor SessionManager {
    public let settings: SessionSettings
    let catalog: Catalog
    let blobs: BlobStore
    let keyring: @Sendable () -> AppKeyring
    let runtimes: RuntimeCache
    public nonisolated let proxy: ProxyDirectory
    let licenses: LicenseGate
    let logger: Logger
    let hooks: SessionHooks
    var live: [String: LiveSession] = [:]
    var lastLapsedSweep = Date.distantPast
    /// The lease of this node's data seats (renewed together), nil while it holds none.
    var seatLease: SeatLease?

    public init(settings: SessionSettings, catalog: Catalog, blobs: BlobStore, keyring: @escaping @Sendable () -> AppKeyring,
                runtimes: RuntimeCache, proxy: ProxyDirectory, licenses: LicenseGate, hooks: SessionHooks, logger: Logger) throws {
        self.settings = settings
        self.catalog = catalog
        self.blobs = blobs
        self.keyring = keyring
        self.runtimes = runtimes
        self.proxy = proxy
        self.licenses = licenses
        self.hooks = hooks
        self.logger = logger
        try FileManager.default.createDirectory(atPath: settings.sessionsDirectory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    /// Launches `app` (its latest version unless `version`) for `userId` and returns once the
    /// runtime answers its ready probe. The caller checked that the user may run the app.
    public func launch(userId: String, app: String, version: String? = nil, caseId: String? = nil,
                       now: Date = Date()) async throws -> DataSessionRecord {
        guard let appRecord = try await catalog.app(named: app) else { throw SessionError.notFound("app \(app)") }
        guard let versionName = version ?? appRecord.latestVersion,
              let appVersion = try await catalog.version(app: app, version: versionName) else {
            throw SessionError.cannotLaunch(version == nil ? "the app \(app) has no latest version" : "no version \(version!) of \(app)")
        }
        let clock = ContinuousClock.now
        let limits = try await licenses.limits(app: app, now: now)
        let id = RandomID.make()
        let seat: Seat
        do {
            seat = try await catalog.takeSeat(kind: .data, holder: id, userId: userId, app: app, node: settings.node, limits: limits,
                                              leaseUntil: now.addingTimeInterval(settings.leaseSeconds), now: now)
        } catch CatalogError.limitReached(let why) {
            throw SessionError.limitReached(why)
        }
        let runtime = "\(appVersion.runtimeName)@\(appVersion.runtimeVersion)"
        var record: DataSessionRecord
        do {
            record = try await catalog.createDataSession(id: id, userId: userId, app: app, appVersion: appVersion.version,
                                                         runtime: runtime, node: settings.node, seatId: seat.id, now: now)
        } catch {
            try? await catalog.returnSeat(id: seat.id, reason: "launch failed: \(error)", now: Date())
            throw error
        }
        let scratch = settings.sessionsDirectory + "/" + id
        let logPath = settings.sessionsDirectory + "/\(id).log"
        live[id] = LiveSession(id: id, userId: userId, app: app, scratch: scratch, logPath: logPath,
                               machine: DataSessionMachine(started: now, timeouts: settings.timeouts),
                               stopGrace: .seconds(10), seatId: seat.id)
        // A stop or tick handled during any await below changes or ends `live[id]`: after each
        // await the launch mutates `live[id]` in place, and only while it is still starting.
        do {
            // Verifying the runtime, opening the app and writing the token overlap: a launch waits
            // for the slowest of them, not their sum.
            let runtimes = self.runtimes, blobs = self.blobs, keyring = self.keyring(), executor = settings.executor
            async let preparing = runtimes.prepare(name: appVersion.runtimeName, version: appVersion.runtimeVersion, now: now)
            async let unsealing: Void = {
                try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false,
                                                        attributes: [.posixPermissions: 0o700])
                try await AppUnsealer.open(sealed: appVersion.sealedDigest, app: app, version: appVersion.version, keyring: keyring,
                                           blobs: blobs, into: scratch + "/app", executor: executor)
            }()
            let token = try await catalog.createSessionToken(userId: userId, session: id, caseId: caseId,
                                                             expiresAt: now.addingTimeInterval(7 * 86400), now: now)
            guard isStarting(id) else {
                // Ended meanwhile: its finish could not revoke a token it did not know of.
                await TokenRevocation.revoke(token.token.id, of: "data session \(id)", catalog: catalog, hooks: hooks, logger: logger)
                throw stoppedWhileStarting
            }
            live[id]?.tokenId = token.token.id
            let prepared = try await preparing
            try await unsealing
            guard isStarting(id) else { throw stoppedWhileStarting }
            live[id]?.stopGrace = prepared.manifest.stopGrace
            // The sandbox (when on): its uid, its work and socket directories, the cgroup.
            let space = try await SandboxSpace.prepare(settings: settings.sandbox, id: id, kind: .data, directory: scratch,
                                                       runtimeDirectory: prepared.directory, apiSocket: settings.apiSocketPath,
                                                       networkAllowed: prepared.networkAllowed, executor: settings.executor)
            guard live[id] != nil else {
                await space.release()
                throw stoppedWhileStarting
            }
            live[id]?.sandbox = space
            guard isStarting(id) else { throw stoppedWhileStarting }
            let socketDirectory = try SocketDirectory(space.socketDirectory)
            live[id]?.socketDirectory = socketDirectory
            let socket = try socketDirectory.socket("serve.sock")
            let secret = RandomID.make(bytes: 24)
            // The paths as the runtime sees them (`/atrium/...` inside the sandbox).
            let view = space.view
            let environment = SessionEnvironment(
                sessionId: id, kind: "data", app: app, appVersion: appVersion.version, appDirectory: view.path(scratch + "/app"),
                runtimeDirectory: view.path(prepared.directory), workDirectory: view.path(space.workDirectory),
                apiSocket: view.path(settings.apiSocketPath), token: token.secret, caseId: caseId,
                listen: space.profile != nil ? view.path(space.socketDirectory + "/serve.sock") : socket.path,
                basePath: "/s/\(id)/", portalURL: settings.portalURL, proxySecret: secret)
            let (executable, arguments) = try RuntimeCommand(searchPath: settings.searchPath)
                .resolve(prepared.manifest.serve, packageDirectory: prepared.directory, environment: environment.variables)
            let log = try SessionLog(path: logPath, limit: settings.logLimit)
            let beforeSpawn = ContinuousClock.now - clock
            let process = try space.start(
                ProcessLaunch(executable: executable, arguments: arguments, environment: environment.variables,
                              workingDirectory: space.workDirectory, limits: settings.limits), log: log, workGuard: settings.workGuard)
            // No await since the check above: the session is still starting.
            live[id]?.process = process
            live[id]?.target = ProxyTarget(sessionId: id, ownerId: userId, socketPath: socket.path, secret: secret)
            logger.info("data session starting", metadata: ["session": "\(id)", "app": "\(app)", "version": "\(appVersion.version)",
                                                            "runtime": "\(runtime)", "pid": "\(process.pid)"])
            Task { await self.watchExit(id, process) }
            let spawned = ContinuousClock.now - clock
            try await waitUntilReady(id, process: process, socket: socket, path: prepared.manifest.effectiveReadyPath)
            logger.debug("launch timing", metadata: ["beforeSpawn": "\(beforeSpawn)", "spawned": "\(spawned)",
                                                     "ready": "\(ContinuousClock.now - clock)"])
        } catch {
            await abandonLaunch(id, error)
            // A stop during the launch may have removed the scratch directory before the app was
            // opened into it.
            await settings.executor.remove(scratch)
            throw error
        }
        record = try await catalog.dataSession(id: id) ?? record
        return record
    }

    /// Still launching: not stopped, timed out or ended by an event handled during an await.
    private func isStarting(_ id: String) -> Bool {
        guard let session = live[id], !session.finishing, case .starting = session.machine.state else { return false }
        return true
    }

    private var stoppedWhileStarting: SessionError { .notReady("it was stopped while starting.") }

    /// Polls the ready probe: every millisecond for the first 250 ms (a runtime's cold start is
    /// 20-40 ms; a 2 ms poll backing off to 10 ms cost about 4 ms a launch, `bench/sessions`),
    /// then every 10 ms. One attempt is one connect to the socket and one GET.
    private func waitUntilReady(_ id: String, process: RuntimeProcess, socket: UnixSocketPath, path: String) async throws {
        let fastUntil = ContinuousClock.now + .milliseconds(250)
        while true {
            if let exit = process.exit {
                throw SessionError.exitedEarly(exit, process.log.lastLines(5))
            }
            guard let state = live[id]?.machine.state, case .starting = state else {
                if let session = live[id], case .ready = session.machine.state { return }
                throw SessionError.notReady("it was stopped while starting. " + process.log.lastLines(5))
            }
            if try await settings.executor.run(.probes, { ReadyProbe.check(socket: socket, path: path) }) {
                await handle(id, .ready(Date()))
                return
            }
            // The machine decides the launch timeout (and stops the runtime).
            await handle(id, .tick(Date()))
            if live[id]?.machine.state == .stopping(.notReady) {
                throw SessionError.notReady("no answer on \(path) within \(Int(settings.timeouts.launch)) s. " + process.log.lastLines(5))
            }
            try? await Task.sleep(for: .milliseconds(ContinuousClock.now < fastUntil ? 1 : 10))
        }
    }

    private func watchExit(_ id: String, _ process: RuntimeProcess) async {
        let exit = await process.waitForExit()
        await handle(id, .exited(exit, Date()))
    }

    /// A launch that failed before the session was ready: stop what started, release the rest.
    private func abandonLaunch(_ id: String, _ error: any Error) async {
        guard let session = live[id] else { return }
        // The whole story for the admin; the user is told in words (SessionError.userMessage).
        logger.error("data session did not start", metadata: ["session": "\(id)", "app": "\(session.app)", "error": "\(error)"])
        if let process = session.process {
            if process.exit == nil { await handle(id, .stop(.notReady)) }
            _ = await process.waitForExit()
            // watchExit finishes it.
            for _ in 0..<500 where live[id] != nil { try? await Task.sleep(for: .milliseconds(10)) }
        }
        if live[id] != nil { await finish(id, end: .launchFailed("\(error)")) }
    }
}
