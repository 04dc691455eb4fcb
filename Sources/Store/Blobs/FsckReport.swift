import Foundation

/// What `fsck` found: every blob re-hashed, plus files that do not belong.
public struct FsckReport: Sendable, Codable {
    public struct Bad: Sendable, Codable, Hashable {
        public let digest: BlobDigest
        /// What the bytes hash to now, or nil when the blob could not be read at all.
        public let actual: BlobDigest?
        public let reason: String
        /// Where `--repair` moved it.
        public var quarantinedTo: String?
    }

    public var checkedBlobs = 0
    public var checkedBytes: Int64 = 0
    public var bad: [Bad] = []
    public var strays: [StoreScan.Leftover] = []
    public var temporaries: [StoreScan.Leftover] = []
    /// Strays moved to quarantine and abandoned temp files removed by `--repair`.
    public var repaired: [String] = []

    public var isClean: Bool { bad.isEmpty && strays.isEmpty }
}
