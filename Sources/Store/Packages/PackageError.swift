import Foundation

/// Every way a package is refused, typed so callers can react and users read one clear line.
public enum PackageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The statement is signed by a key the trust store does not hold.
    case unknownKey(String)
    /// The signing key was revoked at the given time (at or before the check).
    case revokedKey(String, at: Date)
    /// The check happened outside the signing key's validity window.
    case keyNotValid(String, validFrom: Date, validUntil: Date?)
    /// The signature does not verify over the statement bytes.
    case badSignature(keyId: String)
    /// The statement's own expiry has passed.
    case statementExpired(Date)
    /// The signed statement cannot be decoded or breaks a rule; `reason` says which.
    case malformedStatement(String)
    /// The package file or stored envelope is not well formed; `reason` says how.
    case malformedContainer(String)
    /// The archive does not hash to the digest in the signed statement.
    case digestMismatch(expected: BlobDigest, actual: BlobDigest)
    /// The archive's size differs from the signed size (`actual` is a lower bound when too large).
    case sizeMismatch(expected: Int64, actual: Int64)
    /// name@version is already registered to another package.
    case conflictingPackage(name: String, version: String)
    /// A name, version or platform breaks `[a-z0-9][a-z0-9._+-]{0,127}`.
    case invalidName(String)
    /// No package is registered under name@version.
    case notRegistered(name: String, version: String)
    /// The registry points name@version at a statement about another package.
    case registryMismatch(name: String, version: String, found: String)
    /// A registry record exists but is not a digest (a crash mid-write on a file system without
    /// hard links); an administrator must remove it.
    case damagedRegistryRecord(String)

    public var description: String {
        switch self {
        case .unknownKey(let id): return "package signed by unknown key \(id)"
        case .revokedKey(let id, let at): return "package signed by key \(id), revoked at \(at.formatted(.iso8601))"
        case .keyNotValid(let id, let from, let until):
            return "key \(id) is not valid now (valid from \(from.formatted(.iso8601))\(until.map { " until \($0.formatted(.iso8601))" } ?? ""))"
        case .badSignature(let id): return "bad signature (key \(id)): the statement was altered or signed by another key"
        case .statementExpired(let at): return "package statement expired at \(at.formatted(.iso8601))"
        case .malformedStatement(let r): return "malformed package statement: \(r)"
        case .malformedContainer(let r): return "malformed package file: \(r)"
        case .digestMismatch(let e, let a): return "archive digest \(a) differs from the signed \(e); nothing was stored"
        case .sizeMismatch(let e, let a):
            return a > e ? "archive is larger than the signed \(e) bytes" : "archive has \(a) bytes, the statement signed \(e)"
        case .conflictingPackage(let n, let v): return "\(n)@\(v) is already registered to another package"
        case .invalidName(let s): return "invalid name \(s.debugDescription): use [a-z0-9][a-z0-9._+-]{0,127}"
        case .notRegistered(let n, let v): return "no package \(n)@\(v)"
        case .registryMismatch(let n, let v, let f): return "registry entry \(n)@\(v) points at a statement for \(f)"
        case .damagedRegistryRecord(let p): return "damaged package registry record \(p): remove it and upload again"
        }
    }
}
