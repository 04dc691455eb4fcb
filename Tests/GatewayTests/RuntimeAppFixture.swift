import Catalog
import Store

/// The runtime package `rt` 1.0.0 and apps on it, written straight into the catalog: records only,
/// every digest the same `digest`, with nothing behind it in the store unless the test put it there.
struct RuntimeAppFixture {
    static let runtime = "rt"
    static let runtimeVersion = "1.0.0"

    let catalog: Catalog
    let digest: BlobDigest

    /// Registers the package `rt` 1.0.0 (again, after a test deleted it).
    @discardableResult
    static func register(_ catalog: Catalog, digest: BlobDigest = BlobDigest.of(Array("x".utf8))) async throws -> RuntimeAppFixture {
        try await catalog.registerPackage(name: runtime, version: runtimeVersion, platform: "linux-x86_64", envelopeDigest: digest,
                                          archiveDigest: digest, size: 1)
        return RuntimeAppFixture(catalog: catalog, digest: digest)
    }

    /// Makes the app `name` with `versions` on `rt`, the last one latest.
    func app(_ name: String, title: String, description: String = "", versions: [String] = ["1"]) async throws {
        _ = try await catalog.createApp(name: name, title: title, description: description)
        for version in versions { try await self.version(version, of: name) }
    }

    /// Adds `version` of the existing app `app` on `rt`; it becomes latest unless `makeLatest` is false.
    func version(_ version: String, of app: String, makeLatest: Bool = true) async throws {
        try await catalog.addVersion(app: app, version: version, sealedDigest: digest, runtimeName: Self.runtime,
                                     runtimeVersion: Self.runtimeVersion, makeLatest: makeLatest)
    }
}
