/// Bounds that `SafeExtractor` enforces while it extracts, refusing an archive as soon as one
/// is crossed and before the excess is written.
public struct ExtractionLimits: Sendable, Equatable {
    /// Most entries (files, directories, links) one archive may hold.
    public var maxEntries: Int
    /// Most uncompressed bytes written in total (holes of sparse files count).
    public var maxTotalBytes: Int64
    /// Most uncompressed bytes per compressed byte read from the source.
    public var maxCompressionRatio: Double
    /// The ratio is only checked once this many bytes were written, so tiny archives whose
    /// headers compress well are not refused.
    public var ratioGraceBytes: Int64
    /// Longest entry name or link target, in UTF-8 bytes.
    public var maxPathBytes: Int
    /// Longest single path component, in UTF-8 bytes.
    public var maxComponentBytes: Int

    public init(
        maxEntries: Int = 100_000,
        maxTotalBytes: Int64 = 4 << 30,
        maxCompressionRatio: Double = 100,
        ratioGraceBytes: Int64 = 1 << 20,
        maxPathBytes: Int = 4096,
        maxComponentBytes: Int = 255
    ) {
        self.maxEntries = maxEntries
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioGraceBytes = ratioGraceBytes
        self.maxPathBytes = maxPathBytes
        self.maxComponentBytes = maxComponentBytes
    }

    /// 100 000 entries, 4 GiB, ratio 100 after the first MiB, 4096-byte paths, 255-byte components.
    public static let `default` = ExtractionLimits()
}
