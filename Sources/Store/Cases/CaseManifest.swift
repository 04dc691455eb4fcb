import Foundation

/// The description of a case: its name, app, and the chain of versions with the blob holding
/// each. A small JSON blob (sorted keys, ISO 8601 dates) in the store, like every other piece.
///
/// Manifests are immutable: saving a version writes a new manifest naming its `parent`, and the
/// caller (CLI, catalog) keeps track of the newest manifest digest — the case's head. The head
/// manifest lists every version, so it alone keeps the case restorable; older manifests are
/// history whose exclusively-referenced blobs (superseded full frames) gc may collect.
public struct CaseManifest: Codable, Sendable, Equatable {
    public static let currentFormat = 1
    /// Manifests larger than this are refused before parsing.
    public static let sizeLimit = 16 << 20

    public var format: Int
    public var name: String
    public var app: String?
    /// The manifest this one was saved on top of (nil for a case's first version).
    public var parent: BlobDigest?
    /// Ordered by number, 1…n; the last is the newest and always full.
    public var versions: [CaseVersion]

    public init(name: String, app: String?, parent: BlobDigest?, versions: [CaseVersion]) {
        self.format = Self.currentFormat
        self.name = name
        self.app = app
        self.parent = parent
        self.versions = versions
    }

    public var newest: CaseVersion? { versions.last }

    /// Total bytes of all stored pieces.
    public var storedSize: Int64 { versions.reduce(0) { $0 + $1.storedSize } }

    /// The version numbered `number`, or `CaseError.unknownVersion`.
    public func version(_ number: Int) throws -> CaseVersion {
        guard number >= 1, number <= versions.count else {
            throw CaseError.unknownVersion(number, available: versions.count)
        }
        return versions[number - 1]
    }

    /// The versions to decode to restore `number`, from the full one it rests on down to it.
    /// `[v]` for a full version; `[full, …, v]` for a delta.
    public func decodePath(to number: Int) throws -> [CaseVersion] {
        var path = [try version(number)]
        while let base = path.last!.base, path.last!.encoding == .delta {
            path.append(try version(base))
        }
        return path.reversed()
    }

    /// How many deltas must be applied after one full decode to restore `number`.
    public func chainLength(of number: Int) throws -> Int { try decodePath(to: number).count - 1 }

    // MARK: encoding

    /// The canonical bytes: JSON, sorted keys, ISO 8601 dates.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return Array(try encoder.encode(self))
    }

    /// Parses and checks a manifest blob's bytes; anything unusable is `manifestMalformed`.
    public static func decode(_ bytes: [UInt8]) throws -> CaseManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let manifest: CaseManifest
        do {
            manifest = try decoder.decode(CaseManifest.self, from: Data(bytes))
        } catch {
            throw CaseError.manifestMalformed("not a case manifest (\(Self.summary(of: error)))")
        }
        try manifest.validate()
        return manifest
    }

    /// Checks the invariants restore relies on: format, numbering, newest full, every delta based
    /// on a later version (so every chain ends at a full version).
    public func validate() throws {
        func bad(_ s: String) -> CaseError { .manifestMalformed(s) }
        guard format == Self.currentFormat else { throw bad("format \(format) is not supported (expected \(Self.currentFormat))") }
        guard !name.isEmpty else { throw bad("empty case name") }
        guard let newest = versions.last else { throw bad("no versions") }
        guard newest.encoding == .full else { throw bad("newest version \(newest.number) is not stored full") }
        for (index, v) in versions.enumerated() {
            guard v.number == index + 1 else { throw bad("version \(v.number) at position \(index + 1)") }
            guard v.size >= 0, v.storedSize >= 0 else { throw bad("version \(v.number) has a negative size") }
            switch v.encoding {
            case .full:
                guard v.base == nil else { throw bad("full version \(v.number) names a base") }
            case .delta:
                guard let base = v.base, base > v.number, base <= versions.count else {
                    throw bad("delta version \(v.number) has no later base version")
                }
            }
        }
    }

    private static func summary(of error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c): return c.debugDescription
        case DecodingError.keyNotFound(let key, _): return "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(error)"
        }
    }
}
