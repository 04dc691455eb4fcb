import Store

/// A runtime package verified for this launch and extracted read-only.
public struct PreparedRuntime: Sendable, Hashable {
    public let statement: PackageStatement
    /// `DATA/runtimes/<archive-sha256>`, read-only.
    public let directory: String
    public let manifest: RuntimeManifest
    /// Whether the sandbox gives it the network: its signed manifest declares the need
    /// (``RuntimeManifest/network``) and an admin allowed it for this package (name@version); its
    /// sandbox then keeps the host's network (see `SandboxProfile`). False: no network at all.
    public var networkAllowed: Bool = false
}
