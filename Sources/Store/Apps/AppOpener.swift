import Crypto
import Foundation

/// The server side of sealed apps: reads the header, picks the key by id, and returns a source
/// that decrypts as it is read. Open only into a session's private scratch directory.
public enum AppOpener {
    /// Opens a sealed app. Checks the header (format, suite, chunk size, names), that app and
    /// version are the `expecting` ones when given (`metadataMismatch`), and that the keyring holds
    /// the key (`unknownKey`). The returned source yields plaintext only from chunks that
    /// authenticated, and throws an `AppSealError` at the exact chunk where something is wrong
    /// (tampered, reordered, truncated, appended, wrong key, edited header). Its end (a 0 read)
    /// means the whole app arrived intact; commit extracted files only after reaching it.
    public static func open(sealed: ByteSource, keyring: AppKeyring, expecting app: String? = nil,
                            version: String? = nil) throws -> (SealedAppHeader, ByteSource) {
        let (header, headerBytes) = try SealedAppHeader.readFramed(from: sealed)
        if let app, app != header.app { throw AppSealError.metadataMismatch(field: "app", expected: app, found: header.app) }
        if let version, version != header.version {
            throw AppSealError.metadataMismatch(field: "version", expected: version, found: header.version)
        }
        guard let key = keyring.key(id: header.keyId) else { throw AppSealError.unknownKey(header.keyId) }
        let recipient: HPKE.Recipient
        do {
            recipient = try HPKE.Recipient(privateKey: key.privateKey, ciphersuite: SealedAppHeader.ciphersuite,
                                           info: SealedAppHeader.hpkeInfo, encapsulatedKey: header.encapsulatedKey)
        } catch {
            throw AppSealError.malformedHeader("encapsulated key is not a valid X25519 share")
        }
        let exported = try recipient.exportSecret(context: header.bindingContext(), outputByteCount: AppChunkCipher.exportedByteCount)
        let cipher = AppChunkCipher(exported: exported, headerBytes: headerBytes)
        return (header, AppDecryptingSource(sealed: sealed, cipher: cipher, chunkSize: header.chunkSize))
    }
}
