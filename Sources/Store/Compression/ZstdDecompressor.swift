import CZstd

/// Reads zstd frames through `ZSTD_decompressStream`, owning one `ZSTD_DCtx` that is freed when
/// the decompressor goes away. Reads frames written by `zstd` as well as ours.
///
/// With a reference (`ZSTD_DCtx_refPrefix` over a mapped file) it reads frames written by
/// `ZstdCompressor.streamDelta` or `zstd --patch-from=REF`; the window limit is raised so the
/// frame's large window (up to 2 GiB) is accepted. One frame at a time.
public final class ZstdDecompressor {
    let dctx: OpaquePointer

    public init() throws {
        guard let dctx = ZSTD_createDCtx() else { throw CaseError.corrupt("ZSTD_createDCtx: out of memory") }
        self.dctx = dctx
    }

    deinit { ZSTD_freeDCtx(dctx) }

    /// A source yielding the decompressed bytes of the frame(s) in `source`.
    /// - Parameters:
    ///   - reference: the content the frame was compressed against, if it was a delta. Exactly
    ///     one frame is then allowed.
    ///   - windowLogMax: the largest window accepted, as a power of two. Defaults to zstd's 27
    ///     (128 MiB) without a reference and the maximum (31) with one. It bounds the memory a
    ///     hostile frame can make us allocate.
    ///
    /// The source is always read to its end, so a `BlobReader` gets to check its digest; a
    /// mismatch surfaces as its `StoreError.integrity`, which is reported in preference to a
    /// zstd error the corruption caused first.
    public func stream(from source: ByteSource, reference: MappedFile? = nil, windowLogMax: Int32? = nil) throws -> ByteSource {
        try Zstd.checkDecoding(ZSTD_DCtx_reset(dctx, ZSTD_reset_session_and_parameters), "reset")
        let limit = windowLogMax ?? (reference == nil ? Zstd.windowLogLimitDefault : Zstd.windowLogMax)
        try Zstd.checkDecoding(ZSTD_DCtx_setParameter(dctx, ZSTD_d_windowLogMax, min(limit, Zstd.windowLogMax)), "window limit")
        if let reference {
            let prefix = reference.bytes
            try Zstd.checkDecoding(ZSTD_DCtx_refPrefix(dctx, prefix.baseAddress, prefix.count), "reference prefix")
        }
        return ZstdDecompressingSource(decompressor: self, source: source, reference: reference)
    }

    /// Decompresses all of `source` into `sink`; returns the decompressed byte count.
    @discardableResult
    public func decompress(from source: ByteSource, to sink: ByteSink, reference: MappedFile? = nil,
                           windowLogMax: Int32? = nil, progress: ((Int64) -> Void)? = nil) throws -> Int64 {
        try stream(from: source, reference: reference, windowLogMax: windowLogMax).copy(to: sink, progress: progress)
    }
}
