import Foundation

/// What a publisher signs about a package: which archive (by digest and size) is name@version
/// for which platform, when it was signed and until when it may be installed.
///
/// The signed form is canonical JSON (sorted keys, ISO 8601 dates in whole seconds); verifiers
/// check the signature over those exact bytes and only then decode them.
public struct PackageStatement: SignableStatement, Hashable {
    public let name: String
    public let version: String
    /// `linux-x86_64`, `linux-aarch64`, … or `any`.
    public let platform: String
    public let archiveSHA256: BlobDigest
    public let size: Int64
    public let created: Date
    public let expires: Date?

    /// Builds a statement after checking names and size; dates are cut to whole seconds, as
    /// ISO 8601 in the signed bytes keeps them.
    public init(name: String, version: String, platform: String, archiveSHA256: BlobDigest, size: Int64, created: Date, expires: Date? = nil) throws {
        self.name = name
        self.version = version
        self.platform = platform
        self.archiveSHA256 = archiveSHA256
        self.size = size
        self.created = Self.wholeSeconds(created)
        self.expires = expires.map(Self.wholeSeconds)
        try validate()
    }

    /// Checks the naming rule for name, version and platform and that the size is not negative.
    public func validate() throws {
        for text in [name, version, platform] where !NameRule.isValid(text) {
            throw PackageError.invalidName(text)
        }
        guard size >= 0 else { throw PackageError.malformedStatement("negative size \(size)") }
    }

    /// Signed bytes that are not a package statement (`validate()` throws `invalidName` or
    /// `malformedStatement`).
    public static func malformed(_ error: any Error) -> any Error {
        PackageError.malformedStatement("\(error)")
    }
}
