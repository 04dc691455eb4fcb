import CZstd

/// Writes zstd frames through `ZSTD_compressStream2`, owning one `ZSTD_CCtx` that is freed when
/// the compressor goes away. Frames always carry a checksum and, when known, the content size,
/// so `zstd -d` reads them like its own.
///
/// Two modes:
/// - **Streaming** (`stream(from:)`, `compress(from:to:)`): any `ByteSource`, in chunks. With
///   `workers == 1` zstd compresses on its own thread while the caller's thread reads, hashes and
///   writes — the same shape as `zstd -T1`.
/// - **Reference prefix** (`streamDelta`, `compressDelta`), what `zstd --patch-from=REF` does:
///   the reference is a mapped file handed to `ZSTD_CCtx_refPrefix`, the window covers it and
///   the input, long-distance matching is on (with a larger hash table than zstd's default, see
///   `Zstd.patchLDMHashLog`). The input is a mapped file too, passed whole with
///   `ZSTD_e_end` and `ZSTD_c_stableInBuffer`, so zstd reads it in place rather than buffering a
///   window-sized copy. Always single-threaded.
///
/// One frame at a time: starting a new stream abandons the previous one.
public final class ZstdCompressor {
    public let level: Int32
    public let workers: Int32
    public let checksum: Bool
    let cctx: OpaquePointer

    /// - Parameters:
    ///   - level: zstd level (default 3, as `zstd -3`).
    ///   - workers: `ZSTD_c_nbWorkers`; 0 compresses on the calling thread, 1 on one zstd
    ///     worker thread. A libzstd built without threads quietly falls back to 0.
    ///   - checksum: write the frame's XXH64 content checksum (default on).
    public init(level: Int = 3, workers: Int = 0, checksum: Bool = true) throws {
        guard let cctx = ZSTD_createCCtx() else { throw CaseError.compression("ZSTD_createCCtx: out of memory") }
        self.cctx = cctx
        self.level = Int32(clamping: level)
        self.workers = Int32(clamping: max(0, workers))
        self.checksum = checksum
    }

    deinit { ZSTD_freeCCtx(cctx) }

    /// A source yielding one zstd frame of everything `source` produces.
    /// - Parameter contentSize: the exact input size if known; recorded in the frame header. A
    ///   different actual size makes the stream fail with `CaseError.compression`.
    public func stream(from source: ByteSource, contentSize: Int64? = nil) throws -> ByteSource {
        try configure(workers: workers)
        if let contentSize {
            try Zstd.checkCompressing(ZSTD_CCtx_setPledgedSrcSize(cctx, UInt64(contentSize)), "set content size")
        }
        return ZstdCompressingSource(compressor: self, source: source)
    }

    /// Compresses all of `source` into `sink` as one frame; returns the compressed byte count.
    @discardableResult
    public func compress(from source: ByteSource, to sink: ByteSink, contentSize: Int64? = nil) throws -> Int64 {
        try stream(from: source, contentSize: contentSize).copy(to: sink)
    }

    /// A source yielding one frame of `input` compressed against `reference` as a raw-content
    /// prefix (`zstd --patch-from=reference input`). Both stay mapped until the source is gone.
    public func streamDelta(input: MappedFile, reference: MappedFile) throws -> ByteSource {
        try configure(workers: 0)
        let windowLog = Zstd.patchWindowLog(referenceSize: Int64(reference.count), inputSize: Int64(input.count))
        try set(ZSTD_c_windowLog, windowLog, "window log \(windowLog)")
        try set(ZSTD_c_enableLongDistanceMatching, 1, "long-distance matching")
        try set(ZSTD_c_ldmHashLog, Zstd.patchLDMHashLog(windowLog: windowLog), "long-distance hash log")
        try set(Zstd.stableInBuffer, 1, "stable input buffer")
        try Zstd.checkCompressing(ZSTD_CCtx_setPledgedSrcSize(cctx, UInt64(input.count)), "set content size")
        let prefix = reference.bytes
        try Zstd.checkCompressing(ZSTD_CCtx_refPrefix(cctx, prefix.baseAddress, prefix.count), "reference prefix")
        return ZstdCompressingSource(compressor: self, whole: input, reference: reference)
    }

    /// Compresses `input` against `reference` into `sink`; returns the compressed byte count.
    @discardableResult
    public func compressDelta(input: MappedFile, reference: MappedFile, to sink: ByteSink) throws -> Int64 {
        try streamDelta(input: input, reference: reference).copy(to: sink)
    }

    /// Resets the context and applies this compressor's level, checksum and `workers`.
    private func configure(workers: Int32) throws {
        try Zstd.checkCompressing(ZSTD_CCtx_reset(cctx, ZSTD_reset_session_and_parameters), "reset")
        try set(ZSTD_c_compressionLevel, level, "level \(level)")
        try set(ZSTD_c_checksumFlag, checksum ? 1 : 0, "checksum flag")
        try set(ZSTD_c_contentSizeFlag, 1, "content size flag")
        if workers > 0 {
            // Without thread support libzstd rejects nbWorkers > 0; compressing inline is still correct.
            _ = ZSTD_CCtx_setParameter(cctx, ZSTD_c_nbWorkers, workers)
        }
    }

    private func set(_ parameter: ZSTD_cParameter, _ value: Int32, _ what: String) throws {
        try Zstd.checkCompressing(ZSTD_CCtx_setParameter(cctx, parameter, value), what)
    }
}
