import Crypto
import Foundation

/// The publisher side of sealed apps: HPKE (X25519, HKDF-SHA256, AES-256-GCM) to a server app
/// key, streamed in fixed-size chunks (see `AppChunkCipher`). Memory use is about two chunks.
public enum AppSealer {
    /// Seals all of `plaintext` as app@version to `recipient`, writing the sealed app to `sink`.
    /// Every chunk holds exactly `chunkSize` plaintext bytes except the last (0...chunkSize);
    /// an empty plaintext gives one empty last chunk. Returns the header written.
    @discardableResult
    public static func seal(plaintext: ByteSource, app: String, version: String, to recipient: AppPublicKey,
                            into sink: ByteSink, chunkSize: Int = SealedAppHeader.defaultChunkSize) throws -> SealedAppHeader {
        for text in [app, version] where !NameRule.isValid(text) { throw AppSealError.invalidName(text) }
        guard SealedAppHeader.chunkSizeRange.contains(chunkSize) else { throw AppSealError.invalidChunkSize(chunkSize) }

        let sender = try HPKE.Sender(recipientKey: recipient.key, ciphersuite: SealedAppHeader.ciphersuite,
                                     info: SealedAppHeader.hpkeInfo)
        let header = SealedAppHeader(app: app, version: version, keyId: recipient.id, chunkSize: chunkSize,
                                     encapsulatedKey: sender.encapsulatedKey)
        let headerBytes = try header.encoded()
        let exported = try sender.exportSecret(context: header.bindingContext(), outputByteCount: AppChunkCipher.exportedByteCount)
        let cipher = AppChunkCipher(exported: exported, headerBytes: headerBytes)
        try FramedHeader.write(magic: SealedAppHeader.magic, body: headerBytes, to: sink)

        // A full chunk is the last one only if nothing follows it, so read one chunk ahead.
        var counter: UInt32 = 0
        var current = try FramedHeader.readUpTo(chunkSize, from: plaintext)
        while true {
            var next: [UInt8] = []
            if current.count == chunkSize { next = try FramedHeader.readUpTo(chunkSize, from: plaintext) }
            let last = next.isEmpty
            try sink.write(cipher.seal(current[...], counter: counter, last: last))
            if last { return header }
            guard counter < UInt32.max else { throw AppSealError.tooLarge }
            counter += 1
            current = next
        }
    }
}
