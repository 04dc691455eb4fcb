import Foundation
import Store

/// What stays of a session or job once it ended: its log, moved into the store (so every node
/// can show it); its scratch directory is removed.
enum LogArchive {
    /// Removes `scratch`, stores the log file and removes it; the log's digest, or nil.
    static func keep(log logPath: String, removing scratch: String, in blobs: BlobStore,
                     executor: BlockingExecutor) async -> String? {
        let digest = try? await executor.run(.files) { () -> String? in
            ScratchDirectory.remove(scratch)
            guard FileManager.default.fileExists(atPath: logPath) else { return nil }
            defer { try? FileManager.default.removeItem(atPath: logPath) }
            return try blobs.putFile(at: logPath).digest.hex
        }
        return digest ?? nil
    }
}
