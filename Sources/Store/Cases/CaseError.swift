/// Every way saving, restoring or reading a case can fail, typed so callers can react and users
/// read one clear line. Store-level failures (I/O, a busy share) still arrive as `StoreError`.
public enum CaseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The manifest has no version with this number.
    case unknownVersion(Int, available: Int)
    /// The manifest blob is not a case manifest we can read (bad JSON, broken chain, unknown format).
    case manifestMalformed(String)
    /// Stored bytes are wrong: a blob does not hash to its name, or decoded content does not
    /// hash to the version's `contentSHA256`.
    case integrity(String)
    /// A zstd frame could not be decoded (truncated, garbage, wrong reference).
    case corrupt(String)
    /// zstd refused to compress (bad parameter, out of memory, input size changed under us).
    case compression(String)
    /// Something exceeds a configured bound.
    case tooLarge(String)
    /// A blob the manifest refers to is not in the store.
    case missingBlob(BlobDigest, String)
    /// The caller passed something unusable (an empty case name, a parent of another format).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .unknownVersion(let n, let available):
            return available == 0 ? "case has no versions (asked for \(n))"
                : "case has no version \(n) (versions 1…\(available))"
        case .manifestMalformed(let s): return "malformed case manifest: \(s)"
        case .integrity(let s): return "integrity error: \(s)"
        case .corrupt(let s): return "corrupt compressed data: \(s)"
        case .compression(let s): return "compression failed: \(s)"
        case .tooLarge(let s): return "too large: \(s)"
        case .missingBlob(let d, let s): return "blob \(d) missing from the store (\(s))"
        case .invalidArgument(let s): return s
        }
    }
}
