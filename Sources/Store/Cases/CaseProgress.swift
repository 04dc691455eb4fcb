/// Progress of a case save or restore: which step is running and how many bytes it has
/// produced or consumed so far.
public struct CaseProgress: Sendable, Equatable {
    public enum Phase: String, Sendable {
        /// Save: reading, hashing and compressing the new version (bytes = input read).
        case compressing
        /// Save: decoding the previous newest version to re-encode it (bytes = decoded).
        case restoringPrevious
        /// Save: writing the previous version as a delta and decoding it back to verify.
        case encodingDelta
        /// Restore: decoding a full version or applying a delta (bytes = decoded).
        case decoding
    }

    public var phase: Phase
    /// The version being worked on.
    public var version: Int
    public var bytes: Int64
    /// Expected bytes when known.
    public var total: Int64?

    public init(phase: Phase, version: Int, bytes: Int64, total: Int64?) {
        self.phase = phase
        self.version = version
        self.bytes = bytes
        self.total = total
    }
}
