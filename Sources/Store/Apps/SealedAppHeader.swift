import Crypto
import Foundation

/// The clear-text header of a sealed app, readable without a key (`atrium app inspect`):
///
///     ATRIUM-APP 1\n
///     <decimal byte length of the header JSON>\n
///     {"app","chunkSize","encapsulatedKey","keyId","suite","version"}   (canonical JSON)
///     chunk 0 ‖ chunk 1 ‖ … ‖ last chunk      (each AES-256-GCM ciphertext ‖ 16-byte tag)
///
/// Nothing in the header is trusted on its own: app, version, key id, suite and chunk size are
/// the HPKE export context (`bindingContext`), and the SHA-256 of the exact header bytes is every
/// chunk's associated data, so any edit makes chunk 0 fail.
public struct SealedAppHeader: Hashable, Sendable, Codable {
    public static let magic = "ATRIUM-APP 1\n"
    public static let suiteName = "X25519-HKDF-SHA256-AES-256-GCM"
    public static let defaultChunkSize = 64 << 10
    public static let chunkSizeRange = 1...(16 << 20)
    /// Largest header accepted.
    public static let sizeLimit = 64 << 10
    /// HPKE `info`.
    static let hpkeInfo = Data("atrium-app-v1".utf8)
    static let ciphersuite = HPKE.Ciphersuite(kem: .Curve25519_HKDF_SHA256, kdf: .HKDF_SHA256, aead: .AES_GCM_256)

    public let app: String
    public let version: String
    /// Id of the server app key it is sealed to.
    public let keyId: String
    public let suite: String
    /// Plaintext bytes per chunk; the last chunk has 0...chunkSize.
    public let chunkSize: Int
    /// HPKE encapsulated key (base64 in JSON).
    public let encapsulatedKey: Data

    public init(app: String, version: String, keyId: String, suite: String = SealedAppHeader.suiteName,
                chunkSize: Int = SealedAppHeader.defaultChunkSize, encapsulatedKey: Data) {
        self.app = app
        self.version = version
        self.keyId = keyId
        self.suite = suite
        self.chunkSize = chunkSize
        self.encapsulatedKey = encapsulatedKey
    }

    /// Checks suite, chunk size and names.
    public func validate() throws {
        guard suite == Self.suiteName else { throw AppSealError.unsupportedSuite(suite) }
        guard Self.chunkSizeRange.contains(chunkSize) else { throw AppSealError.invalidChunkSize(chunkSize) }
        for text in [app, version] where !NameRule.isValid(text) { throw AppSealError.invalidName(text) }
        guard NameRule.isValid(keyId) else { throw AppSealError.malformedHeader("key id \(keyId.debugDescription)") }
    }

    /// Canonical JSON of the whole header, as written.
    public func encoded() throws -> [UInt8] {
        try Self.canonical(self)
    }

    /// Canonical JSON of every field but `encapsulatedKey`: the HPKE export context.
    public func bindingContext() throws -> [UInt8] {
        try Self.canonical(Binding(app: app, chunkSize: chunkSize, keyId: keyId, suite: suite, version: version))
    }

    /// Reads and validates the header at the start of a sealed app (no key needed). The source
    /// is left at the first chunk.
    public static func read(from source: ByteSource) throws -> SealedAppHeader {
        try readFramed(from: source).header
    }

    /// The header and its exact bytes (their SHA-256 is the chunks' associated data).
    static func readFramed(from source: ByteSource) throws -> (header: SealedAppHeader, bytes: [UInt8]) {
        let bytes: [UInt8]
        do {
            bytes = try FramedHeader.read(magic: magic, from: source, limit: sizeLimit)
        } catch let failure as FramedHeader.Failure {
            throw AppSealError.malformedHeader(failure.reason)
        }
        let header: SealedAppHeader
        do {
            header = try JSONDecoder().decode(SealedAppHeader.self, from: Data(bytes))
        } catch {
            throw AppSealError.malformedHeader("not valid header JSON (\(error))")
        }
        try header.validate()
        return (header, bytes)
    }

    private struct Binding: Encodable {
        let app: String
        let chunkSize: Int
        let keyId: String
        let suite: String
        let version: String
    }

    private static func canonical(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }
}
