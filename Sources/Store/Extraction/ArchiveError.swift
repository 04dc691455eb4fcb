/// Why `SafeExtractor` refused an archive. Every case leaves nothing behind: the staging
/// directory is removed and the destination is never created (DESIGN §2, archives).
public enum ArchiveError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An entry name starts with `/`.
    case absolutePath(String)
    /// An entry name has a `..` component.
    case parentTraversal(String)
    /// A symbolic link whose target is absolute or leaves the extraction root, a hard link to
    /// anything but a regular file extracted earlier from the same archive, or an entry whose
    /// parent directory is a symbolic link.
    case linkEscapes(path: String, target: String)
    /// A device, FIFO, socket or unknown entry type.
    case forbiddenType(path: String, kind: String)
    case tooManyEntries(limit: Int)
    case tooManyBytes(limit: Int64)
    /// Uncompressed output grew beyond `limit` times the compressed input (a zip bomb).
    case compressionRatio(limit: Double)
    /// A second file, link or conflicting entry at a path already extracted.
    case duplicateEntry(String)
    /// An empty name, a NUL byte, a name or component that is too long, or not UTF-8.
    case invalidName(String)
    /// libarchive could not read the input: truncated, corrupt or not an archive.
    case malformed(String)
    /// The destination directory already exists.
    case destinationExists(String)

    public var description: String {
        switch self {
        case .absolutePath(let p): return "refused archive: entry \(Self.quote(p)) has an absolute path"
        case .parentTraversal(let p): return "refused archive: entry \(Self.quote(p)) contains a '..' component"
        case .linkEscapes(let p, let t):
            return "refused archive: link \(Self.quote(p)) -> \(Self.quote(t)) points outside the extracted tree or through a link"
        case .forbiddenType(let p, let k): return "refused archive: entry \(Self.quote(p)) is a \(k), which is not allowed"
        case .tooManyEntries(let l): return "refused archive: more than \(l) entries"
        case .tooManyBytes(let l): return "refused archive: more than \(l) bytes uncompressed"
        case .compressionRatio(let l):
            return "refused archive: expands more than \(Self.number(l)) times its compressed size (zip bomb?)"
        case .duplicateEntry(let p): return "refused archive: entry \(Self.quote(p)) appears more than once or conflicts with another entry"
        case .invalidName(let p): return "refused archive: invalid entry name \(Self.quote(p))"
        case .malformed(let m): return "unreadable archive: \(m)"
        case .destinationExists(let p): return "cannot extract: \(p) already exists"
        }
    }

    /// Quotes a name for a one-line message, escaping control characters.
    static func quote(_ s: String) -> String {
        var out = "'"
        for scalar in s.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7f {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }

    private static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }
}
