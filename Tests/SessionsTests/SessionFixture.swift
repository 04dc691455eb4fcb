import Catalog
import Foundation
import Logging
import Store
@testable import Sessions

/// A real catalog (SQLite), store, signed runtime package and sealed apps for session tests.
/// The runtime is `Fixtures/serve.py` + `Fixtures/solve.sh`; each app's `mode` file picks a
/// behaviour (ok, crash, never-ready, ignore-term, flood / fail, sleep, silent).
final class SessionFixture: Sendable {
    let directory: TemporaryDirectory
    let executor = BlockingExecutor()
    let catalog: Catalog
    let blobs: BlobStore
    let cases: CaseStore
    let manager: SessionManager
    let jobs: JobRunner
    let settings: SessionSettings
    let user: User
    let appKey: AppKeyPair
    let publisher: PublisherKeyPair

    static let modes = ["ok", "crash", "never-ready", "ignore-term", "flood", "fail", "sleep", "silent", "infeasible"]

    init(limits: UnlicensedLimits = UnlicensedLimits(dataSessions: 10, optimizationSessions: 4, namedUsers: 1000),
         timeouts: SessionTimeouts = SessionTimeouts(launch: 20, reconnectWindow: 300, idle: 3600),
         solveSlots: Int = 2, leaseSeconds: TimeInterval = 30, dataName: String = "data",
         sandboxed: Bool = true) async throws {
        directory = try TemporaryDirectory()
        let root = directory.path
        blobs = try BlobStore.initialize(at: root + "/store")
        cases = CaseStore(blobs: blobs)
        catalog = try await Catalog.open(.sqlite(path: root + "/catalog.sqlite", bcryptCost: 4), executor: executor)
        user = try await catalog.createUser(name: "ana", displayName: "Ana", password: "correct horse battery", role: .user)
        publisher = PublisherKeyPair.generate(name: "test vendor")
        _ = try await catalog.addTrustedKey(try TrustedKey(id: publisher.id, name: publisher.name,
                                                           publicKey: publisher.privateKey.publicKey.rawRepresentation,
                                                           validFrom: Date().addingTimeInterval(-60)))
        appKey = AppKeyPair.generate(name: "platform")
        try await Self.registerRuntime(root: root, blobs: blobs, catalog: catalog, key: publisher)
        for mode in Self.modes {
            _ = try await catalog.createApp(name: mode, title: mode)
            let sealed = try Self.sealApp(root: root, mode: mode, key: appKey.publicKey, blobs: blobs)
            _ = try await catalog.addVersion(app: mode, version: "1", sealedDigest: sealed, runtimeName: "test-runtime", runtimeVersion: "1")
        }
        var logger = Logger(label: "sessions-test")
        logger.logLevel = .warning
        settings = SessionSettings(node: "node-a", dataDirectory: root + "/" + dataName,
                                   executor: executor, timeouts: timeouts, leaseSeconds: leaseSeconds,
                                   solveSlots: solveSlots, pollInterval: 0.2, unlicensedLimits: limits,
                                   sandbox: SandboxSettings(enabled: sandboxed))
        let runtimes = try RuntimeCache(directory: root + "/" + dataName + "/runtimes", blobs: blobs, catalog: catalog, executor: executor)
        let licenses = LicenseGate(catalog: catalog, unlicensed: limits)
        let keyring = try AppKeyring(keys: [appKey])
        let hooks = SessionHooks()
        manager = try SessionManager(settings: settings, catalog: catalog, blobs: blobs, keyring: { keyring }, runtimes: runtimes,
                                     proxy: ProxyDirectory(), licenses: licenses, hooks: hooks, logger: logger)
        jobs = try JobRunner(settings: settings, catalog: catalog, blobs: blobs, keyring: { keyring }, runtimes: runtimes,
                             licenses: licenses, sessions: manager, events: JobEvents(), hooks: hooks, logger: logger)
    }

    func close() async {
        await jobs.shutdown()
        await manager.stopAll()
        await catalog.close()
        await executor.shutdown()
    }

    static var fixtures: String { URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures" }

    /// Registers the test runtime as `name`@1; `padding` bytes of random data make a package
    /// that is slow to extract.
    static func registerRuntime(root: String, blobs: BlobStore, catalog: Catalog, key: PublisherKeyPair,
                                name: String = "test-runtime", padding: Int = 0) async throws {
        let dir = root + "/runtime-src-\(name)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if padding > 0, let random = FileHandle(forReadingAtPath: "/dev/urandom") {
            try random.readData(ofLength: padding).write(to: URL(fileURLWithPath: dir + "/padding.bin"))
        }
        let manifest = #"{"name":"\#(name)","version":"1","serve":["python3","-u","${ATRIUM_RUNTIME_DIR}/serve.py"],"solve":["sh","${ATRIUM_RUNTIME_DIR}/solve.sh"],"stopGraceSeconds":1}"#
        try manifest.write(toFile: dir + "/atrium-runtime.json", atomically: true, encoding: .utf8)
        for file in ["serve.py", "solve.sh"] {
            try FileManager.default.copyItem(atPath: fixtures + "/" + file, toPath: dir + "/" + file)
        }
        let archive = try tar(dir, to: root + "/runtime-\(name).tar")
        let envelope = try PackageSigner.sign(archive: try FileSource(path: archive), name: name, version: "1", platform: "any",
                                              expires: nil, key: key)
        let sink = try FileSink(creating: root + "/runtime-\(name).atpkg")
        try PackageFile.write(envelope: envelope, archive: try FileSource(path: archive), to: sink)
        try sink.close()
        let stored = try PackageIntake.verifyAndStore(packageFile: try FileSource(path: root + "/runtime-\(name).atpkg"), blobs: blobs,
                                                      trust: try await catalog.trustStore())
        _ = try await catalog.registerPackage(name: name, version: "1", platform: "any", envelopeDigest: stored.envelopeDigest,
                                              archiveDigest: stored.archiveDigest, size: stored.statement.size)
    }

    static func sealApp(root: String, mode: String, key: AppPublicKey, blobs: BlobStore) throws -> BlobDigest {
        let dir = root + "/app-\(mode)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try mode.write(toFile: dir + "/mode", atomically: true, encoding: .utf8)
        let archive = try tar(dir, to: root + "/app-\(mode).tar")
        let sink = try FileSink(creating: root + "/app-\(mode).atapp")
        try AppSealer.seal(plaintext: try FileSource(path: archive), app: mode, version: "1", to: key, into: sink)
        try sink.close()
        return try blobs.putFile(at: root + "/app-\(mode).atapp").digest
    }

    static func tar(_ directory: String, to output: String) throws -> String {
        let process = try Process.run(URL(fileURLWithPath: "/bin/tar"), arguments: ["-cf", output, "-C", directory, "."])
        process.waitUntilExit()
        return output
    }

    /// A case of `app` owned by the fixture's user, with `content` as version 1.
    func makeCase(app: String, content: String) async throws -> CaseRecord {
        let saved = try cases.save(from: MemorySource(Array(content.utf8)), name: "case-\(UUID().uuidString.prefix(8))", app: app)
        return try await catalog.createCase(app: app, ownerId: user.id, name: saved.manifest.name, head: saved.manifestDigest,
                                            number: Int64(saved.version.number), size: saved.version.size, by: .user(user.id))
    }

    func caseContent(_ record: CaseRecord, version: Int) throws -> String {
        let sink = MemorySink()
        _ = try cases.restore(manifest: record.headDigest, version: version, to: sink)
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}
