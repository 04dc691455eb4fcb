import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The publisher keys a server trusts (DESIGN §2). A value: load it, change it, save it. The
/// file is JSON `{"kind":"atrium-trust-store","keys":[…]}`, saved through a temp file renamed over
/// the old one in the same directory, so a reader sees the old or the new store, never half.
public struct TrustStore: Hashable, Sendable {
    public static let kind = "atrium-trust-store"
    private var byId: [String: TrustedKey] = [:]

    public init() {}

    public init(keys: [TrustedKey]) throws {
        for key in keys { try add(key) }
    }

    /// All keys, ordered by id.
    public var keys: [TrustedKey] { byId.values.sorted { $0.id < $1.id } }

    public func lookup(_ id: String) -> TrustedKey? { byId[id] }

    /// Adds `key`. Adding a key already present with the same bytes changes nothing (a revocation
    /// stays) and returns false; the same id with other bytes throws `KeyError.duplicateKeyId`.
    @discardableResult
    public mutating func add(_ key: TrustedKey) throws -> Bool {
        if let existing = byId[key.id] {
            guard existing.publicKey == key.publicKey else { throw KeyError.duplicateKeyId(key.id) }
            return false
        }
        byId[key.id] = key
        return true
    }

    /// Revokes key `id` as of `date`. An earlier revocation stands (revocation never moves later).
    public mutating func revoke(_ id: String, at date: Date) throws {
        guard var key = byId[id] else { throw KeyError.unknownKey(id) }
        if let earlier = key.revokedAt, earlier <= date { return }
        key.revokedAt = date
        byId[id] = key
    }

    // MARK: file

    private struct FileContents: Codable {
        var kind: String
        var keys: [TrustedKey]
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    /// The file's bytes.
    public func encoded() throws -> [UInt8] {
        Array(try Self.encoder.encode(FileContents(kind: Self.kind, keys: keys))) + [UInt8(ascii: "\n")]
    }

    /// Parses a trust store file: right kind, every key's id matches its bytes, no duplicate ids.
    public init(encoded bytes: [UInt8]) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let contents: FileContents
        do {
            contents = try decoder.decode(FileContents.self, from: Data(bytes))
        } catch let error as KeyError {
            throw error
        } catch {
            throw KeyError.malformedTrustStore("\(error)")
        }
        guard contents.kind == Self.kind else { throw KeyError.wrongKind(expected: Self.kind, found: contents.kind) }
        self.init()
        for key in contents.keys {
            guard byId[key.id] == nil else { throw KeyError.malformedTrustStore("key \(key.id) appears twice") }
            byId[key.id] = key
        }
    }

    public static func load(fromFile path: String) throws -> TrustStore {
        try TrustStore(encoded: FileSource(path: path).readAll(limit: 16 << 20))
    }

    /// Saves to `path`: writes `.<name>.tmp-<random>` beside it, fsyncs, renames it over `path`,
    /// fsyncs the directory. (The trust store is server configuration, not a blob on the share.)
    public func save(toFile path: String) throws {
        let bytes = try encoded()
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let tmp = (directory.hasSuffix("/") ? directory : directory + "/") + "." + base + ".tmp-"
            + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        do {
            try FileSink.createFile(at: tmp, contents: bytes, mode: OwnerOnly.fileMode)
        } catch {
            unlink(tmp)
            throw error
        }
        let calls = POSIXCalls(retry: .default, faults: .none)
        do {
            try calls.call("rename", path) { rename(tmp, path) }
        } catch {
            unlink(tmp)
            throw error
        }
        try calls.syncDirectory(directory)
    }
}
