import CZstd

/// The decompressed side of a `ZstdDecompressor` stream, pulled chunk by chunk.
///
/// Ends only after the compressed source has ended too: trailing bytes after a delta frame, a
/// truncated frame or a source without any frame are `CaseError.corrupt`. On a zstd error the
/// rest of the source is read first, so that a `BlobReader` underneath can report the more
/// precise cause (`StoreError.integrity`: the blob itself is damaged).
final class ZstdDecompressingSource: ByteSource {
    private let decompressor: ZstdDecompressor
    private let source: ByteSource
    private let reference: MappedFile?
    private let buffer: UnsafeMutableRawBufferPointer
    private var input: ZSTD_inBuffer
    private var sourceEnded = false
    /// A frame has started and not yet been completely decoded and flushed.
    private var inFrame = false
    private var framesDone = 0
    private var finished = false

    init(decompressor: ZstdDecompressor, source: ByteSource, reference: MappedFile?) {
        self.decompressor = decompressor
        self.source = source
        self.reference = reference
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        input = ZSTD_inBuffer(src: buffer.baseAddress, size: 0, pos: 0)
    }

    deinit { buffer.deallocate() }

    func read(into out: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, out.count > 0 else { return 0 }
        var output = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
        while output.pos < output.size {
            if input.pos == input.size && !sourceEnded {
                let n = try source.read(into: buffer)
                if n == 0 { sourceEnded = true }
                input = ZSTD_inBuffer(src: buffer.baseAddress, size: n, pos: 0)
            }
            if input.pos == input.size && sourceEnded {
                guard inFrame else {
                    if framesDone == 0 { throw CaseError.corrupt("no zstd frame in the input") }
                    finished = true
                    break
                }
                // No more input, but zstd may still hold decoded bytes to flush.
                let before = output.pos
                try decode(&output)
                if inFrame && output.pos == before { throw CaseError.corrupt("truncated zstd frame") }
                continue
            }
            if !inFrame && framesDone > 0 && reference != nil {
                throw failure(CaseError.corrupt("unexpected bytes after the delta frame"))
            }
            try decode(&output)
        }
        return output.pos
    }

    private func decode(_ output: inout ZSTD_outBuffer) throws {
        let hint = ZSTD_decompressStream(decompressor.dctx, &output, &input)
        if Zstd.isError(hint) { throw failure(CaseError.corrupt(Zstd.errorName(hint))) }
        if hint == 0 {
            inFrame = false
            framesDone += 1
        } else {
            inFrame = true
        }
    }

    /// Drains the source so a verifying reader can report its own error; else returns `error`.
    private func failure(_ error: CaseError) -> Error {
        finished = true
        do {
            while !sourceEnded {
                if try source.read(into: buffer) == 0 { sourceEnded = true }
            }
        } catch let underlying {
            return underlying
        }
        return error
    }
}
