/// An archive entry name after the checks of `SafeExtractor`: relative, UTF-8, no NUL, no `..`,
/// no empty or `.` components, within the length limits. The empty path is the extraction root
/// (an entry named `./`).
struct EntryPath: Hashable, Sendable, CustomStringConvertible {
    let components: [String]

    init(components: [String]) { self.components = components }

    var isRoot: Bool { components.isEmpty }
    var description: String { components.joined(separator: "/") }
    /// The directory holding this entry (the root for a top-level entry).
    var parent: EntryPath { EntryPath(components: Array(components.dropLast())) }
    /// The last component; nil for the root.
    var name: String? { components.last }

    /// Checks and normalizes a raw entry name: strips leading `./`, `.` components, repeated
    /// and trailing slashes. Throws for absolute names, `..`, empty names, NUL and overlong
    /// names or components.
    static func normalize(_ raw: String, limits: ExtractionLimits) throws(ArchiveError) -> EntryPath {
        let bytes = Array(raw.utf8)
        guard !bytes.isEmpty, !bytes.contains(0) else { throw .invalidName(raw) }
        guard bytes.count <= limits.maxPathBytes else { throw .invalidName(raw) }
        guard bytes.first != UInt8(ascii: "/") else { throw .absolutePath(raw) }
        var components: [String] = []
        for part in raw.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": throw .parentTraversal(raw)
            default:
                guard part.utf8.count <= limits.maxComponentBytes else { throw .invalidName(raw) }
                components.append(String(part))
            }
        }
        return EntryPath(components: components)
    }

    /// Checks the target of a symbolic link placed at `self`. Allowed: a relative target that
    /// climbs with `..` only at its start, no higher than the link's own directory is deep, and
    /// then descends. Lexical resolution is sound only in that shape: a `..` after a name would
    /// be resolved by the kernel against wherever that name points if it is (or later becomes)
    /// a symbolic link, which a lexical check cannot see (`a/b/up/..` with `up -> ../..`).
    /// Every descending step then stays inside, by induction over links that passed this check.
    func checkSymlinkTarget(_ target: String, limits: ExtractionLimits) throws(ArchiveError) {
        let escape = ArchiveError.linkEscapes(path: description, target: target)
        let bytes = Array(target.utf8)
        guard !bytes.isEmpty, !bytes.contains(0), bytes.first != UInt8(ascii: "/") else { throw escape }
        guard bytes.count <= limits.maxPathBytes else { throw .invalidName(target) }
        var climbs = 0
        var descended = false
        for part in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !descended else { throw escape }
                climbs += 1
            default:
                descended = true
            }
        }
        guard climbs <= components.count - 1 else { throw escape }
    }
}
