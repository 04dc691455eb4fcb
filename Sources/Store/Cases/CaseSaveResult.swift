/// The outcome of `CaseStore.save`: the new head of the case.
public struct CaseSaveResult: Sendable, Equatable {
    /// The digest of the new manifest blob; the caller records it as the case's head.
    public var manifestDigest: BlobDigest
    public var manifest: CaseManifest
    public var stats: CaseSaveStats

    /// The version just saved.
    public var version: CaseVersion { manifest.versions[manifest.versions.count - 1] }

    public init(manifestDigest: BlobDigest, manifest: CaseManifest, stats: CaseSaveStats) {
        self.manifestDigest = manifestDigest
        self.manifest = manifest
        self.stats = stats
    }
}
