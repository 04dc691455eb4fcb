import Catalog
import Foundation
import Store
import Testing

/// The one repository suite, run on every database in `DatabaseKind.available`. Its tests live
/// in extensions, one file per repository.
@Suite("Catalog repositories")
struct CatalogRepositoryTests {

    /// A digest for test data: the SHA-256 of `text`.
    static func digest(_ text: String) -> BlobDigest { BlobDigest.of(Array(text.utf8)) }

    /// Whole seconds, so times survive the millisecond round trip exactly.
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// A user with a fixed password.
    static func user(_ catalog: Catalog, _ name: String, role: Role = .user) async throws -> User {
        try await catalog.createUser(name: name, displayName: name.capitalized, password: "password-\(name)", role: role)
    }

    /// An app with one version running on a registered package.
    static func appWithVersion(_ catalog: Catalog, _ app: String, version: String = "1.0") async throws {
        try await catalog.registerPackage(name: "rt-\(app)", version: "1", platform: "linux-x86_64",
                                          envelopeDigest: digest("env-\(app)"), archiveDigest: digest("arc-\(app)"), size: 10)
        try await catalog.createApp(name: app, title: "App \(app)")
        try await catalog.addVersion(app: app, version: version, sealedDigest: digest("sealed-\(app)-\(version)"),
                                     runtimeName: "rt-\(app)", runtimeVersion: "1")
    }
}

/// Asserts that `body` throws a `CatalogError` matching `expected` (by case).
func expectCatalogError(_ expected: (CatalogError) -> Bool, sourceLocation: SourceLocation = #_sourceLocation,
                        _ body: () async throws -> Void) async {
    do {
        try await body()
        Issue.record("expected a CatalogError, nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as CatalogError {
        #expect(expected(error), "unexpected \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected a CatalogError, got \(error)", sourceLocation: sourceLocation)
    }
}

extension CatalogError {
    var isConflict: Bool { if case .conflict = self { true } else { false } }
    var isNotFound: Bool { if case .notFound = self { true } else { false } }
    var isInvalid: Bool { if case .invalidArgument = self { true } else { false } }
    var isStaleFence: Bool { if case .staleFence = self { true } else { false } }
}
