import Foundation
import Store

/// Decides whether a stored sealed app may become an app version: it must open completely with
/// the platform keyring — every chunk authenticated, decrypted into a discarding sink, so the
/// plaintext is never kept — and its header must name the expected app and version.
enum SealedAppCheck {
    /// Reads the sealed blob `digest` to its end on the executor's transfers lane. Throws the
    /// `AppSealError` of the first thing wrong (or the store's integrity error).
    static func verify(_ digest: BlobDigest, blobs: BlobStore, keyring: AppKeyring, app: String,
                       version: String, executor: BlockingExecutor) async throws -> SealedAppHeader {
        try await executor.run(.transfers) {
            let reader = try blobs.open(digest)
            let (header, plaintext) = try AppOpener.open(sealed: reader, keyring: keyring, expecting: app, version: version)
            try plaintext.copy(to: DiscardingSink())
            try reader.drain()
            return header
        }
    }
}
