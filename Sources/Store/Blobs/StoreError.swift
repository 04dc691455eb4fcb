/// Every way the store refuses or fails, typed so callers can react and users read one clear line.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidDigest(String)
    case notFound(BlobDigest)
    /// The bytes read do not hash to their name: corruption on disk or in transit.
    case integrity(expected: BlobDigest, actual: BlobDigest)
    /// A writer declared a digest that the streamed bytes do not have.
    case digestMismatch(expected: BlobDigest, actual: BlobDigest)
    case sizeMismatch(expected: Int64, actual: Int64)
    case tooLarge(limit: Int64)
    case notAStore(String)
    case alreadyAStore(String)
    case unsupportedFormat(String)
    /// A system call failed; `operation` says what was attempted, `path` where.
    case io(operation: String, path: String, errno: Int32)
    /// Retries of a transient error (EBUSY on SMB) ran out.
    case busy(operation: String, path: String, attempts: Int)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .invalidDigest(let s): return "not a SHA-256 digest: \(s)"
        case .notFound(let d): return "blob \(d) not found"
        case .integrity(let e, let a): return "integrity error: blob \(e) reads back as \(a) (corrupt data)"
        case .digestMismatch(let e, let a): return "digest mismatch: expected \(e), got \(a); nothing was stored"
        case .sizeMismatch(let e, let a): return "size mismatch: expected \(e) bytes, got \(a)"
        case .tooLarge(let l): return "too large: more than \(l) bytes"
        case .notAStore(let p): return "\(p) is not an Atrium store (no STORE file); run `atrium store init`"
        case .alreadyAStore(let p): return "\(p) is already an Atrium store"
        case .unsupportedFormat(let s): return "unsupported store format: \(s)"
        case .io(let op, let path, let e): return "\(op) \(path): \(String(cString: strerror(e)))"
        case .busy(let op, let path, let n): return "\(op) \(path): still busy after \(n) attempts"
        case .invalidArgument(let s): return s
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
