import Foundation

/// Expands gc roots to everything they reference. Atrium's structured objects (case manifests,
/// package envelopes) are small JSON blobs that name other blobs by digest, so the expansion is
/// generic: a root that is a small JSON object contributes every string in it that is a digest of
/// a blob present in the store, recursively (and strings that are base64 of embedded JSON, as a
/// signed statement is). A digest-looking string that is not in the store is ignored. A field
/// named `parent` points at history (the previous head of a case), not at content: it is not
/// followed, so the full frames a newer manifest replaced with deltas can be collected.
public struct RootSet: Sendable {
    public let store: BlobStore
    /// Blobs larger than this are data, not manifests, and are not parsed.
    public var manifestLimit: Int64 = 1 << 20

    public init(store: BlobStore) { self.store = store }

    public func expand(_ roots: Set<BlobDigest>) throws -> Set<BlobDigest> {
        var reachable = Set<BlobDigest>()
        var pending = Array(roots)
        while let next = pending.popLast() {
            guard reachable.insert(next).inserted else { continue }
            guard let info = try store.stat(next), info.size <= manifestLimit else { continue }
            let bytes = try store.read(next)
            guard bytes.first == UInt8(ascii: "{"),
                  let object = try? JSONSerialization.jsonObject(with: Data(bytes)) else { continue }
            for candidate in Self.digests(in: object) where !reachable.contains(candidate) {
                if try store.contains(candidate) { pending.append(candidate) }
            }
        }
        return reachable
    }

    static func digests(in object: Any) -> [BlobDigest] {
        switch object {
        case let s as String:
            if let d = try? BlobDigest(parsing: s) { return [d] }
            if s.count >= 16, let data = Data(base64Encoded: s), data.first == UInt8(ascii: "{"),
               let inner = try? JSONSerialization.jsonObject(with: data) {
                return digests(in: inner)
            }
            return []
        case let a as [Any]: return a.flatMap { digests(in: $0) }
        case let d as [String: Any]: return d.filter { $0.key != "parent" }.values.flatMap { digests(in: $0) }
        default: return []
        }
    }
}
