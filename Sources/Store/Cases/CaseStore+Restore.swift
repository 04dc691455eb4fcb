#if canImport(Glibc)
import Glibc
#endif

extension CaseStore {
    /// Restores a version (default: the newest) of the case whose head is `manifest` into `sink`.
    ///
    /// The bytes stream into `sink` as they are decoded and are checked against the version's
    /// SHA-256 only at the end: on `CaseError.integrity` the sink has received wrong bytes and the
    /// caller must discard them. Use `restore(manifest:version:toFile:)` to never expose them.
    /// Returns the restored version's entry.
    @discardableResult
    public func restore(manifest digest: BlobDigest, version: Int? = nil, to sink: ByteSink,
                        progress: ((CaseProgress) -> Void)? = nil) throws -> CaseVersion {
        let manifest = try self.manifest(digest)
        return try restore(manifest, version: version, progress: progress) { target, reference in
            try decode(target, reference: reference, into: sink, progress: Self.decoding(target, progress))
        }
    }

    /// Restores a version (default: the newest) to `path` through `path.partial-XXXX`, renamed
    /// into place only after the content checked out: a failed restore leaves no file at `path`.
    /// Like `zstd -d`, the output is not fsynced: it is a copy, the store keeps the original.
    @discardableResult
    public func restore(manifest digest: BlobDigest, version: Int? = nil, toFile path: String, mode: mode_t = 0o644,
                        progress: ((CaseProgress) -> Void)? = nil) throws -> CaseVersion {
        let manifest = try self.manifest(digest)
        return try restore(manifest, version: version, progress: progress) { target, reference in
            let partial = path + ".partial-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
            do {
                let sink = try FileSink(creating: partial, mode: mode)
                try decode(target, reference: reference, into: sink, progress: Self.decoding(target, progress))
                // The restored file is the user's copy, not store data: closed, not fsynced (as zstd -d).
                try sink.close()
            } catch {
                unlink(partial)
                throw error
            }
            guard rename(partial, path) == 0 else {
                let e = errno
                unlink(partial)
                throw StoreError.io(operation: "rename", path: path, errno: e)
            }
        }
    }

    /// Walks the decode path to `version`: the full version it rests on and each delta above it
    /// go to temp files (each verified, each the next one's reference, each deleted once used);
    /// `final` decodes the requested version itself, given its reference.
    private func restore(_ manifest: CaseManifest, version: Int?, progress: ((CaseProgress) -> Void)?,
                         final: (CaseVersion, MappedFile?) throws -> Void) throws -> CaseVersion {
        let path = try manifest.decodePath(to: version ?? manifest.versions.count)
        let target = path[path.count - 1]
        guard path.count > 1 else {
            try final(target, nil)
            return target
        }
        let scratch = try ScratchSpace(parent: scratchDirectory)
        defer { scratch.remove() }
        var reference: MappedFile?
        for step in path.dropLast() {
            let file = scratch.newPath("v\(step.number)")
            do {
                let sink = try FileSink(creating: file)
                try decode(step, reference: reference, into: sink, progress: Self.decoding(step, progress))
            }
            if let used = reference {
                used.close()
                scratch.discard(used.path)
            }
            reference = try MappedFile(path: file)
        }
        try final(target, reference)
        return target
    }

    /// Decodes `version`'s stored frame (against `reference`, its base's content, for a delta) into
    /// `sink`, then checks size and SHA-256. Store and zstd failures come out as `CaseError`s
    /// naming the version.
    func decode(_ version: CaseVersion, reference: MappedFile?, into sink: ByteSink, progress: ((Int64) -> Void)?) throws {
        let n = version.number
        if version.encoding == .delta, reference == nil {
            throw CaseError.invalidArgument("version \(n) is a delta and needs its base's content")
        }
        let hashing = HashingSink(sink)
        do {
            let reader = try blobs.open(version.blob)
            // Checked end to end instead: the decoded bytes must hash to contentSHA256 from the
            // verified manifest (below). A zstd failure re-checks the blob to name the cause.
            reader.verifiesDigest = false
            let windowLogMax = reference.map {
                max(Zstd.windowLogLimitDefault, Zstd.patchWindowLog(referenceSize: Int64($0.count), inputSize: version.size))
            }
            let decoded = try ZstdDecompressor().stream(from: reader, reference: reference, windowLogMax: windowLogMax)
            // Big versions: read, verify and decompress on a second thread while this one hashes
            // and writes the output. Small ones are not worth a thread.
            let source = version.size >= Self.readAheadThreshold ? ReadAheadSource(decoded) : decoded
            try source.copy(to: hashing, progress: progress)
        } catch StoreError.notFound(let d) {
            throw CaseError.missingBlob(d, "version \(n)")
        } catch StoreError.integrity(let expected, let actual) {
            throw CaseError.integrity("version \(n): stored blob \(expected.short)… reads back as \(actual.short)…")
        } catch CaseError.corrupt(let reason) {
            do { try blobs.open(version.blob).drain() } catch StoreError.integrity(let expected, let actual) {
                throw CaseError.integrity("version \(n): stored blob \(expected.short)… reads back as \(actual.short)…")
            }
            throw CaseError.corrupt("version \(n): \(reason)")
        }
        guard hashing.count == version.size else {
            throw CaseError.integrity("version \(n) decodes to \(hashing.count) bytes, expected \(version.size)")
        }
        let actual = hashing.finalize()
        guard actual == version.contentSHA256 else {
            throw CaseError.integrity("version \(n) decodes to content \(actual.short)…, expected \(version.contentSHA256.short)…")
        }
    }

    /// Versions at least this large are decoded on a read-ahead thread.
    static var readAheadThreshold: Int64 { 4 << 20 }

    private static func decoding(_ version: CaseVersion, _ progress: ((CaseProgress) -> Void)?) -> ((Int64) -> Void)? {
        progress.map { report in
            { report(CaseProgress(phase: .decoding, version: version.number, bytes: $0, total: version.size)) }
        }
    }
}
