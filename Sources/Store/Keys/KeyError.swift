/// Why a key file, a keyring or a trust store was refused.
public enum KeyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is a key file, but of another kind (say, a public key where a private one was expected).
    case wrongKind(expected: String, found: String)
    /// The file is not a readable key file; `reason` says why.
    case malformedKeyFile(String)
    /// The id written in a file is not the id derived from its key.
    case idMismatch(stated: String, derived: String)
    /// A second, different key with an id already present.
    case duplicateKeyId(String)
    /// No key with this id.
    case unknownKey(String)
    /// The trust store file is not readable; `reason` says why.
    case malformedTrustStore(String)

    public var description: String {
        switch self {
        case .wrongKind(let e, let f): return "wrong key file kind: expected \(e), found \(f)"
        case .malformedKeyFile(let r): return "malformed key file: \(r)"
        case .idMismatch(let s, let d): return "key id \(s) does not match its key (which is \(d))"
        case .duplicateKeyId(let id): return "a different key with id \(id) is already present"
        case .unknownKey(let id): return "no key with id \(id)"
        case .malformedTrustStore(let r): return "malformed trust store: \(r)"
        }
    }
}
