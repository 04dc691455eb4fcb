#if canImport(Glibc)
import Glibc
#endif

extension CaseStore {
    /// Turns `old` — the newest version of `manifest`, stored full — into a reverse delta against
    /// the new content at `newContentPath` (which becomes version `newNumber`), unless the policy
    /// keeps it full. Returns the version's new entry and the bytes stored for it.
    ///
    /// The delta is written to a temp file first (so a delta the policy rejects never reaches the
    /// store), put into the store, and decoded back *from the store* against the new content;
    /// only a delta that reproduces `old.contentSHA256` is returned.
    func reencode(_ old: CaseVersion, of manifest: CaseManifest, against newContentPath: String, newSize: Int64,
                  newNumber: Int, scratch: ScratchSpace, progress: ((CaseProgress) -> Void)?) throws -> (CaseVersion, Int64) {
        var kept = old
        if let reason = keepFullReason(old, of: manifest, newSize: newSize) {
            kept.fullReason = reason
            return (kept, 0)
        }

        // The old content, from its full frame (one verified decode).
        let oldPath = scratch.newPath("v\(old.number)")
        do {
            let sink = try FileSink(creating: oldPath)
            try decode(old, reference: nil, into: sink, progress: progress.map { report in
                { report(CaseProgress(phase: .restoringPrevious, version: old.number, bytes: $0, total: old.size)) }
            })
        }

        // zstd --patch-from=NEW OLD, into a temp file.
        let reference = try MappedFile(path: newContentPath)
        let deltaPath = scratch.newPath("v\(old.number).delta")
        let deltaSize: Int64
        do {
            let input = try MappedFile(path: oldPath)
            let compressor = try ZstdCompressor(level: policy.deltaLevel)
            let sink = try FileSink(creating: deltaPath)
            progress?(CaseProgress(phase: .encodingDelta, version: old.number, bytes: 0, total: old.size))
            deltaSize = try compressor.compressDelta(input: input, reference: reference, to: sink)
        }
        scratch.discard(oldPath)
        guard Double(deltaSize) <= policy.maxDeltaRatio * Double(old.storedSize) else {
            kept.fullReason = .deltaTooLarge
            return (kept, 0)
        }

        let info = try blobs.putFile(at: deltaPath)
        scratch.discard(deltaPath)
        let delta = CaseVersion(number: old.number, created: old.created, size: old.size, contentSHA256: old.contentSHA256,
                                blob: info.digest, encoding: .delta, base: newNumber, storedSize: info.size)
        do {
            try decode(delta, reference: reference, into: DiscardingSink(), progress: progress.map { report in
                { report(CaseProgress(phase: .encodingDelta, version: old.number, bytes: $0, total: old.size)) }
            })
        } catch let error as CaseError {
            throw CaseError.integrity("re-encoded version \(old.number) does not decode back to its content: \(error)")
        }
        return (delta, info.size)
    }

    /// Why `old` should stay full when a new version of `newSize` bytes goes on top, if it should.
    func keepFullReason(_ old: CaseVersion, of manifest: CaseManifest, newSize: Int64) -> CaseFullReason? {
        if old.size > policy.memoryBudget - newSize { return .memoryBudget }
        // Turning `old` into a delta lengthens the chain of every version down to the previous
        // full one; the deepest of them would then need `old.number - previousFull` steps.
        let previousFull = manifest.versions.last { $0.number < old.number && $0.encoding == .full }?.number ?? 0
        if old.number - previousFull > policy.maxChainLength { return .chainLength }
        return nil
    }
}
