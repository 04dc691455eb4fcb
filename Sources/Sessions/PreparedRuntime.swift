import Store

/// A runtime package verified for this launch and extracted read-only.
public struct PreparedRuntime: Sendable, Hashable {
    public let statement: PackageStatement
    /// `DATA/runtimes/<archive-sha256>`, read-only.
    public let directory: String
    public let manifest: RuntimeManifest
}
