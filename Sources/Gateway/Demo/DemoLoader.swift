import Catalog
import Foundation
import Logging
import Sessions
import Store

/// `atrium serve --demo DIR`: loads the reference runtime and the demo apps of `fixtures/demo`
/// so a fresh install has something to launch. The runtime is signed with a demo key generated
/// on this machine (`KEYS/demo-vendor.key.json`, KEYS being `keysDirectory`, default `DATA/keys`) which is trusted explicitly and visibly:
/// it is logged, recorded in the audit log and listed under trusted keys as "local demo key".
/// Safe to run on every start: what is already there is left as it is.
enum DemoLoader {
    static func load(from directory: String, services: AtriumServices, logger: Logger) async throws {
        let catalog = services.catalog
        let blobs = services.blobs
        let keyPath = services.configuration.keysDirectory + "/demo-vendor.key.json"
        let key: PublisherKeyPair
        if FileManager.default.fileExists(atPath: keyPath) {
            key = try PublisherKeyPair.load(fromFile: keyPath)
        } else {
            key = PublisherKeyPair.generate(name: "Atrium local demo key (generated on this machine)")
            try key.write(toFile: keyPath)
        }
        if try await !catalog.listTrustedKeys().contains(where: { $0.id == key.id }) {
            let trusted = try TrustedKey(id: key.id, name: key.name, publicKey: key.privateKey.publicKey.rawRepresentation,
                                         validFrom: Date().addingTimeInterval(-60))
            _ = try await catalog.addTrustedKey(trusted, by: .system)
            logger.notice("demo: trusting the local demo key explicitly", metadata: ["key": "\(key.id)", "file": "\(keyPath)"])
        }

        let runtimeDirectory = directory + "/runtime"
        let manifestData = try Data(contentsOf: URL(fileURLWithPath: runtimeDirectory + "/" + RuntimeManifest.fileName))
        let manifest = try JSONDecoder().decode(RuntimeManifest.self, from: manifestData)
        if try await catalog.package(name: manifest.name, version: manifest.version) == nil {
            let stored = try await services.executor.run(.files) {
                let archive = try tarball(runtimeDirectory)
                defer { try? FileManager.default.removeItem(atPath: archive) }
                let envelope = try PackageSigner.sign(archive: try FileSource(path: archive), name: manifest.name, version: manifest.version,
                                                      platform: "any", expires: nil, key: key)
                let packageFile = archive + ".atpkg"
                defer { try? FileManager.default.removeItem(atPath: packageFile) }
                let sink = try FileSink(creating: packageFile)
                try PackageFile.write(envelope: envelope, archive: try FileSource(path: archive), to: sink)
                try sink.close()
                return try PackageIntake.verifyAndStore(packageFile: try FileSource(path: packageFile), blobs: blobs, trust: try key.trustStore())
            }
            _ = try await catalog.registerPackage(name: manifest.name, version: manifest.version, platform: "any",
                                                  envelopeDigest: stored.envelopeDigest, archiveDigest: stored.archiveDigest,
                                                  size: stored.statement.size, by: .system)
            logger.notice("demo: runtime package registered", metadata: ["package": "\(manifest.name)@\(manifest.version)"])
        }

        let appsDirectory = directory + "/apps"
        let current = services.appKeys.current
        for name in try FileManager.default.contentsOfDirectory(atPath: appsDirectory).sorted() {
            let appDirectory = appsDirectory + "/" + name
            let appJSON = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: appDirectory + "/app.json"))))
                as? [String: Any]
            let title = appJSON?["title"] as? String ?? name
            let description = appJSON?["description"] as? String ?? ""
            if try await catalog.app(named: name) == nil {
                _ = try await catalog.createApp(name: name, title: title, description: description, by: .system)
            }
            guard try await catalog.version(app: name, version: "1.0.0") == nil else { continue }
            let sealed = try await services.executor.run(.files) {
                let archive = try tarball(appDirectory)
                defer { try? FileManager.default.removeItem(atPath: archive) }
                let sealedFile = archive + ".atapp"
                defer { try? FileManager.default.removeItem(atPath: sealedFile) }
                let sink = try FileSink(creating: sealedFile)
                try AppSealer.seal(plaintext: try FileSource(path: archive), app: name, version: "1.0.0", to: current, into: sink)
                try sink.close()
                return try blobs.putFile(at: sealedFile).digest
            }
            _ = try await catalog.addVersion(app: name, version: "1.0.0", sealedDigest: sealed, runtimeName: manifest.name,
                                             runtimeVersion: manifest.version, makeLatest: true, by: .system)
            logger.notice("demo: app loaded", metadata: ["app": "\(name)", "title": "\(title)"])
        }
    }

    /// A reproducible tar of a directory's content (sorted, no owners or times), in a temp file.
    static func tarball(_ directory: String) throws -> String {
        let output = NSTemporaryDirectory() + "atrium-demo-\(UUID().uuidString).tar"
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0", "-cf", output, "-C", directory, "."]
        try tar.run()
        tar.waitUntilExit()
        guard tar.terminationStatus == 0 else { throw Problem.badRequest("tar of \(directory) failed") }
        return output
    }
}

extension PublisherKeyPair {
    /// A trust store holding only this key (to check a package just signed with it).
    func trustStore() throws -> TrustStore {
        var store = TrustStore()
        _ = try store.add(TrustedKey(id: id, name: name, publicKey: privateKey.publicKey.rawRepresentation, validFrom: Date().addingTimeInterval(-60)))
        return store
    }
}

extension AtriumApplication {
    /// Loads the demo (see `DemoLoader`) into this application's catalog and store.
    public func loadDemo(from directory: String) async throws {
        try await DemoLoader.load(from: directory, services: atrium, logger: atrium.logger)
    }
}
