/// Every way sealing or opening an app fails, typed; each names the point of failure.
public enum AppSealError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The header is not well formed; `reason` says how.
    case malformedHeader(String)
    /// The header names a cipher suite this version does not know.
    case unsupportedSuite(String)
    /// App name or version breaks `[a-z0-9][a-z0-9._+-]{0,127}`.
    case invalidName(String)
    /// The chunk size is outside `SealedAppHeader.chunkSizeRange`.
    case invalidChunkSize(Int)
    /// No private key with this id in the keyring.
    case unknownKey(String)
    /// The header's app or version is not the one the caller expected.
    case metadataMismatch(field: String, expected: String, found: String)
    /// Chunk `chunk` (from 0) does not authenticate: tampered, reordered, or sealed for another
    /// header or key.
    case chunkAuthenticationFailed(chunk: Int)
    /// The stream ends early: chunk `chunk` is missing or cut short, and no last chunk came.
    case truncated(chunk: Int)
    /// Data follows the last chunk (chunk `chunk` is the one flagged last).
    case trailingData(chunk: Int)
    /// More chunks than the 32-bit counter allows.
    case tooLarge

    public var description: String {
        switch self {
        case .malformedHeader(let r): return "malformed sealed app header: \(r)"
        case .unsupportedSuite(let s): return "unsupported sealed app suite \(s.debugDescription)"
        case .invalidName(let s): return "invalid app name or version \(s.debugDescription): use [a-z0-9][a-z0-9._+-]{0,127}"
        case .invalidChunkSize(let n): return "invalid chunk size \(n)"
        case .unknownKey(let id): return "app sealed to key \(id), which this server does not hold"
        case .metadataMismatch(let f, let e, let found): return "sealed app \(f) is \(found.debugDescription), expected \(e.debugDescription)"
        case .chunkAuthenticationFailed(let n): return "sealed app chunk \(n) fails authentication (tampered, reordered or wrong key)"
        case .truncated(let n): return "sealed app is truncated at chunk \(n)"
        case .trailingData(let n): return "sealed app has data after its last chunk (\(n))"
        case .tooLarge: return "sealed app has more chunks than the format allows"
        }
    }
}
