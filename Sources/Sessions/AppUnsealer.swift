import Foundation
import Store

/// Opens a sealed app version into a session's private directory: the app must authenticate to
/// its very end before the extracted tree appears (the extractor commits only then).
enum AppUnsealer {
    static func open(sealed digest: BlobDigest, app: String, version: String, keyring: AppKeyring,
                     blobs: BlobStore, into destination: String, executor: BlockingExecutor) async throws {
        do {
            try await executor.run(.files) {
                let reader = try blobs.open(digest)
                let (_, plaintext) = try AppOpener.open(sealed: reader, keyring: keyring, expecting: app, version: version)
                _ = try SafeExtractor(readOnly: false).extract(from: plaintext, into: destination)
            }
        } catch {
            throw SessionError.cannotLaunch("the app \(app) \(version) could not be opened: \(error)")
        }
    }
}
