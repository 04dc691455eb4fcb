import Crypto
import Foundation

/// The per-app STREAM construction: AES-256-GCM with a key and 7-byte nonce prefix exported from
/// the HPKE context (39 bytes: key ‖ prefix). Chunk i uses nonce prefix ‖ i (4 bytes big-endian)
/// ‖ last flag (1 on the final chunk, else 0) and authenticates SHA-256 of the header bytes, so
/// reordering, truncation, appending and header edits all fail authentication.
struct AppChunkCipher {
    static let exportedByteCount = 39
    static let tagSize = 16

    private let key: SymmetricKey
    private let noncePrefix: [UInt8]
    private let associatedData: [UInt8]

    /// `exported` is the 39-byte HPKE export; `headerBytes` the exact header as written/read.
    init(exported: SymmetricKey, headerBytes: [UInt8]) {
        let bytes = exported.withUnsafeBytes { Array($0) }
        precondition(bytes.count == Self.exportedByteCount)
        self.key = SymmetricKey(data: bytes[0..<32])
        self.noncePrefix = Array(bytes[32..<39])
        self.associatedData = Array(SHA256.hash(data: headerBytes))
    }

    private func nonce(_ counter: UInt32, last: Bool) throws -> AES.GCM.Nonce {
        var n = noncePrefix
        n += [UInt8(truncatingIfNeeded: counter >> 24), UInt8(truncatingIfNeeded: counter >> 16),
              UInt8(truncatingIfNeeded: counter >> 8), UInt8(truncatingIfNeeded: counter), last ? 1 : 0]
        return try AES.GCM.Nonce(data: n)
    }

    /// Ciphertext ‖ tag of one chunk.
    func seal(_ plaintext: ArraySlice<UInt8>, counter: UInt32, last: Bool) throws -> [UInt8] {
        let box = try AES.GCM.seal(plaintext, using: key, nonce: nonce(counter, last: last), authenticating: associatedData)
        return Array(box.ciphertext) + Array(box.tag)
    }

    /// The plaintext of one record (ciphertext ‖ tag), or nil when it does not authenticate as
    /// chunk `counter` with this `last` flag.
    func open(_ record: ArraySlice<UInt8>, counter: UInt32, last: Bool) -> [UInt8]? {
        guard record.count >= Self.tagSize,
              let box = try? AES.GCM.SealedBox(nonce: nonce(counter, last: last),
                                                ciphertext: record.dropLast(Self.tagSize),
                                                tag: record.suffix(Self.tagSize)),
              let plain = try? AES.GCM.open(box, using: key, authenticating: associatedData) else { return nil }
        return Array(plain)
    }
}
