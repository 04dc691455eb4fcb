import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Versioned, compressed cases on top of a `BlobStore`: every version a zstd frame in a blob,
/// the newest always full, older ones reverse deltas against their successor (see `CasePolicy`
/// for why), described by an immutable `CaseManifest` blob per save.
///
/// Memory stays bounded by the largest version's window, never by the case: inputs stream,
/// versions being re-encoded or used as references live in temp files under `scratchDirectory`
/// and are mapped, not read into the heap. Temp files are removed however an operation ends.
public final class CaseStore: Sendable {
    public let blobs: BlobStore
    /// Where private temp directories for saves and restores are made.
    public let scratchDirectory: String
    public let policy: CasePolicy

    /// - Parameter scratchDirectory: a local directory for temp files (default `$TMPDIR` or
    ///   `/tmp`); a save needs room for about two uncompressed versions.
    public init(blobs: BlobStore, scratchDirectory: String? = nil, policy: CasePolicy = .default) {
        self.blobs = blobs
        self.scratchDirectory = scratchDirectory ?? ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        self.policy = policy
    }

    // MARK: manifests

    /// Reads and checks the manifest blob `digest`.
    public func manifest(_ digest: BlobDigest) throws -> CaseManifest {
        let bytes: [UInt8]
        do {
            bytes = try blobs.read(digest, limit: CaseManifest.sizeLimit)
        } catch StoreError.notFound(let d) {
            throw CaseError.missingBlob(d, "case manifest")
        } catch StoreError.tooLarge {
            throw CaseError.tooLarge("case manifest \(digest.short) is larger than \(CaseManifest.sizeLimit >> 20) MiB")
        } catch StoreError.integrity(let expected, let actual) {
            throw CaseError.integrity("case manifest blob \(expected.short) reads back as \(actual.short)")
        }
        return try CaseManifest.decode(bytes)
    }

    /// The case's history as recorded in manifest `digest`: every version with its size,
    /// encoding, base and stored size (`CaseManifest.chainLength(of:)` gives restore depths).
    public func history(manifest digest: BlobDigest) throws -> CaseManifest { try manifest(digest) }

    // MARK: saving

    /// Saves the bytes of `source` as the next version of the case whose head is `parent`
    /// (a new case when nil), and returns the new head manifest.
    ///
    /// One pass over the source hashes it, compresses it as a full frame (zstd on one worker
    /// thread) straight into the store and — when there is a previous version — spools it to a
    /// temp file. Then the previous newest version is re-encoded as a reverse delta against the
    /// new content, verified by decoding it back, and only then is the manifest written. Any
    /// failure leaves `parent` the valid head; blobs written so far are left to gc.
    ///
    /// - Parameters:
    ///   - name: the case's name (may differ from the parent's: a rename).
    ///   - app: the app the case belongs to; defaults to the parent's. Must match it if both are set.
    ///   - now: creation time recorded for the new version.
    public func save(from source: ByteSource, name: String, app: String? = nil, parent: BlobDigest? = nil,
                     now: Date = Date(), progress: ((CaseProgress) -> Void)? = nil) throws -> CaseSaveResult {
        let clock = ContinuousClock()
        let started = clock.now
        guard !name.isEmpty else { throw CaseError.invalidArgument("a case needs a name") }
        let previous = try parent.map { try self.manifest($0) }
        if let parentApp = previous?.app, let app, app != parentApp {
            throw CaseError.invalidArgument("the parent manifest belongs to app \(parentApp), not \(app)")
        }
        let number = (previous?.versions.count ?? 0) + 1
        let scratch = try ScratchSpace(parent: scratchDirectory)
        defer { scratch.remove() }

        // 1. Hash + compress (+ spool when a previous version will need the new content as reference).
        let spoolPath = previous == nil ? nil : scratch.newPath("v\(number)")
        let spool = try spoolPath.map { try FileSink(creating: $0) }
        let expectedSize = Self.remainingSize(of: source)
        let input = HashingSource(source, spool: spool, progress: progress.map { report in
            { report(CaseProgress(phase: .compressing, version: number, bytes: $0, total: expectedSize)) }
        })
        let compressor = try ZstdCompressor(level: policy.level, workers: policy.workers)
        let full = try blobs.put(from: try compressor.stream(from: input, contentSize: expectedSize))
        let content = input.finalize()
        var added = full.size
        var versions = previous?.versions ?? []

        // 2. The previous newest becomes a reverse delta (or stays full, per policy).
        if let previous, let spoolPath, let last = previous.newest {
            let (reencoded, bytes) = try reencode(last, of: previous, against: spoolPath, newSize: input.count,
                                                  newNumber: number, scratch: scratch, progress: progress)
            versions[versions.count - 1] = reencoded
            added += bytes
        }
        // Whole seconds: what the manifest's ISO 8601 dates keep, so the returned manifest equals the stored one.
        let created = Date(timeIntervalSince1970: (now.timeIntervalSince1970).rounded(.down))
        versions.append(CaseVersion(number: number, created: created, size: input.count, contentSHA256: content,
                                    blob: full.digest, encoding: .full, storedSize: full.size, fullReason: .newest))

        // 3. The manifest, last.
        let head = CaseManifest(name: name, app: app ?? previous?.app, parent: parent, versions: versions)
        try head.validate()
        let stored = try blobs.put(try head.encoded())
        added += stored.size
        let stats = CaseSaveStats(inputBytes: input.count, storedBytesAdded: added, elapsed: clock.now - started)
        return CaseSaveResult(manifestDigest: stored.digest, manifest: head, stats: stats)
    }

    /// Bytes left in a regular file source (for the frame's content size); nil for streams.
    private static func remainingSize(of source: ByteSource) -> Int64? {
        guard let file = source as? FileSource, let size = file.fileSize() else { return nil }
        let offset = lseek(file.fd, 0, SEEK_CUR)
        return offset >= 0 && Int64(offset) <= size ? size - Int64(offset) : nil
    }
}
