/// How a `CaseStore` lays out versions: compression levels, keyframes and the memory bound.
///
/// ## Why reverse deltas
///
/// The product asks two things of a case with many versions (DESIGN §2; measured on 20 versions
/// of a 256 MiB table, 1 % of rows changed each time):
/// (a) all versions together take at most ~1.3 × one compressed version, and
/// (b) restoring the newest takes at most ~2 × `zstd -d` of one full copy.
///
/// Forward deltas (each version a delta on the one before, full keyframes now and then) cannot
/// do both: every keyframe costs a whole compressed copy, so (a) allows about one keyframe per
/// case, and then restoring the newest of 20 versions is one full decode plus 19 delta decodes,
/// each producing a whole version — about 20 × `zstd -d`, far from (b).
///
/// So the chain runs backwards, as in RCS or rdiff-backup: the **newest version is always
/// full**. Saving version n+1 stores it full and re-encodes version n as a delta whose reference
/// prefix is n+1's content (`zstd --patch-from=NEW OLD`). The newest restores with one decode;
/// an older version k restores by decoding the nearest full version above it and applying the
/// deltas downwards, one decode per step. Saving costs an extra decode (version n from its full
/// frame), a delta encode and a verifying delta decode — saves are rarer than restores of the
/// newest, and a restore of an old version is rarer still.
///
/// ## Keyframes
///
/// When n+1 is saved, version n stays full — a *keyframe*, with the reason in the manifest — if:
/// - **chain length**: `n − (the previous full version below n, or 0) > maxChainLength`, i.e.
///   turning n into a delta would make the oldest version above the previous keyframe need more
///   than `maxChainLength` delta steps. Restoring any version costs at most
///   `1 + maxChainLength` decodes.
/// - **memory**: `size(n) + size(n+1) > memoryBudget`. Encoding and decoding a delta maps the
///   reference and holds a window as large as the version; above the budget we keep it full.
/// - **delta too large**: the delta is bigger than `maxDeltaRatio` × n's full frame. The
///   versions differ so much that the delta saves little space but would lengthen chains.
///
/// Each keyframe costs about one compressed copy of storage, so `maxChainLength` is a trade of
/// storage against the time to restore the *oldest* versions. The default 32 keeps a 20-version
/// case at one full frame plus 19 small deltas (≈ 1.1–1.3 × one copy); with 16, a 20-version case
/// would hold two full frames (≈ 2 ×). Lower it where old versions are restored often.
///
/// A crash at any point of a save loses nothing: blobs are written first, the new manifest last,
/// and until the caller records the new manifest the old one stays valid and complete. Blobs
/// of an interrupted save are unreferenced, which is the garbage collector's business.
public struct CasePolicy: Sendable, Equatable {
    /// zstd level for full frames (default 3, as `zstd -3`).
    public var level: Int
    /// zstd worker threads for full frames (default 1: zstd compresses on its own thread while
    /// ours hashes and writes, like `zstd -T1`).
    public var workers: Int
    /// zstd level for delta frames (default 3, with long-distance matching and a window covering
    /// reference and input).
    public var deltaLevel: Int
    /// The most delta steps any version may need to restore (default 32).
    public var maxChainLength: Int
    /// A delta larger than this fraction of the full frame is dropped and the version kept full
    /// (default 0.5).
    public var maxDeltaRatio: Double
    /// Bytes of the two versions a delta spans, together, above which no delta is made (default 2 GiB).
    public var memoryBudget: Int64

    public init(level: Int = 3, workers: Int = 1, deltaLevel: Int = 3, maxChainLength: Int = 32,
                maxDeltaRatio: Double = 0.5, memoryBudget: Int64 = 2 << 30) {
        self.level = level
        self.workers = workers
        self.deltaLevel = deltaLevel
        self.maxChainLength = max(0, maxChainLength)
        self.maxDeltaRatio = maxDeltaRatio
        self.memoryBudget = memoryBudget
    }

    public static let `default` = CasePolicy()
}
