import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The small JSON file every Atrium key lives in:
/// `{"kind": "atrium-…-key", "id": …, "name": …, "privateKey" | "publicKey": base64}`.
struct KeyFile: Codable, Sendable {
    var kind: String
    var id: String
    var name: String
    var privateKey: Data?
    var publicKey: Data?

    static let publisherPrivate = "atrium-publisher-private-key"
    static let publisherPublic = "atrium-publisher-public-key"
    static let appPrivate = "atrium-app-private-key"
    static let appPublic = "atrium-app-public-key"

    /// Largest key file read: they are a few hundred bytes.
    static let sizeLimit = 64 << 10

    /// `prefix` + the first 16 lowercase hex characters of SHA-256 of the raw public key.
    static func keyId(prefix: String, rawPublicKey: some DataProtocol) -> String {
        prefix + String(BlobDigest.of(rawPublicKey).hex.prefix(16))
    }

    /// Canonical encoding (sorted keys), with a final newline.
    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
    }

    /// Decodes `bytes`, requiring `kind` to be `expectedKind`.
    static func decode(_ bytes: [UInt8], expectedKind: String) throws -> KeyFile {
        let file: KeyFile
        do {
            file = try JSONDecoder().decode(KeyFile.self, from: Data(bytes))
        } catch {
            throw KeyError.malformedKeyFile("not a key file (\(error))")
        }
        guard file.kind == expectedKind else { throw KeyError.wrongKind(expected: expectedKind, found: file.kind) }
        return file
    }

    /// Reads a key file from `path` (bounded).
    static func readBytes(_ path: String) throws -> [UInt8] {
        try FileSource(path: path).readAll(limit: sizeLimit)
    }

    /// Writes a new file at `path` (which must not exist) with `mode`, fsynced.
    static func writeNew(_ bytes: [UInt8], to path: String, mode: mode_t) throws {
        try FileSink.createFile(at: path, contents: bytes, mode: mode)
    }
}
