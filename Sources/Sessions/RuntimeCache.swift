import Catalog
import Foundation
import Store

/// Extracted runtime packages, one read-only tree per archive digest, shared by all sessions.
///
/// Every launch verifies the package again (signature against the catalog's trusted keys at
/// this moment, so a revoked key or an expired statement stops new launches at once); only the
/// extraction is cached. A tree appears under its digest only after the extractor read the
/// archive to its end through the store's digest check, so a present tree is a verified one.
/// Concurrent launches of one package extract it once. Whether the runtime gets the network is
/// read from the catalog at every launch too (``PreparedRuntime/networkAllowed``).
public actor RuntimeCache {
    public let directory: String
    let blobs: BlobStore
    let catalog: Catalog
    let executor: BlockingExecutor
    private var extracting: [BlobDigest: Task<Void, any Error>] = [:]

    public init(directory: String, blobs: BlobStore, catalog: Catalog, executor: BlockingExecutor) throws {
        self.directory = directory
        self.blobs = blobs
        self.catalog = catalog
        self.executor = executor
        // Owner-only: the trees in it (0755/0644) are reached by sandboxes through bind mounts.
        try OwnerOnly.makeDirectories(directory)
    }

    public func prepare(name: String, version: String, now: Date = Date()) async throws -> PreparedRuntime {
        guard let record = try await catalog.package(name: name, version: version) else {
            throw SessionError.cannotLaunch("the runtime package \(name)@\(version) is not uploaded")
        }
        let trust = try await catalog.trustStore()
        let blobs = self.blobs
        let statement: PackageStatement
        do {
            statement = try await executor.run(.files) {
                let envelope = try SignedPackageEnvelope.decode(blobs.read(record.envelopeDigest, limit: SignedPackageEnvelope.sizeLimit))
                return try PackageVerifier.verify(envelope, trust: trust, now: now)
            }
        } catch let error as PackageError {
            throw SessionError.cannotLaunch("the runtime package \(name)@\(version) does not verify: \(error)")
        }
        guard statement.name == name, statement.version == version, statement.archiveSHA256 == record.archiveDigest else {
            throw SessionError.cannotLaunch("the runtime package \(name)@\(version) does not match its signed statement")
        }
        let tree = directory + "/" + statement.archiveSHA256.hex
        if !FileManager.default.fileExists(atPath: tree) {
            try await extract(statement.archiveSHA256, into: tree)
        }
        let manifest = try RuntimeManifest.load(packageDirectory: tree, name: name, version: version)
        // The network only when the signed manifest asks for it and an admin allowed it for this
        // package, as the catalog says now (a withdrawal holds from the next launch on).
        var allowed = false
        if manifest.network != nil {
            do { allowed = try await catalog.packageNetworkAllowance(name: name, version: version) != nil } catch CatalogError.notFound {
                throw SessionError.cannotLaunch("the runtime package \(name)@\(version) is not uploaded")
            }
        }
        return PreparedRuntime(statement: statement, directory: tree, manifest: manifest, networkAllowed: allowed)
    }

    private func extract(_ digest: BlobDigest, into tree: String) async throws {
        if let running = extracting[digest] { return try await running.value }
        let blobs = self.blobs, executor = self.executor
        let task = Task {
            try await executor.run(.files) {
                guard !FileManager.default.fileExists(atPath: tree) else { return }
                let reader = try blobs.open(digest)
                _ = try SafeExtractor(readOnly: true).extract(from: reader, into: tree)
            }
        }
        extracting[digest] = task
        defer { extracting[digest] = nil }
        do {
            try await task.value
        } catch {
            throw SessionError.cannotLaunch("the runtime package could not be extracted: \(error)")
        }
    }
}
