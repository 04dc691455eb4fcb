import CZstd

/// The compressed side of a `ZstdCompressor` frame, pulled chunk by chunk: each `read` feeds
/// input to `ZSTD_compressStream2` until the caller's buffer is full or the frame is complete.
/// Pull-shaped so it can go straight into `BlobStore.put(from:)`.
final class ZstdCompressingSource: ByteSource {
    private let compressor: ZstdCompressor
    private let source: ByteSource?
    /// Keeps the mapped input and reference alive while zstd points into them.
    private let mapped: [MappedFile]
    private let buffer: UnsafeMutableRawBufferPointer?
    private var input: ZSTD_inBuffer
    private var inputEnded: Bool
    private var finished = false
    /// Uncompressed bytes handed to zstd so far.
    private(set) var consumed: Int64 = 0

    /// Streaming input read from `source` in 1 MiB chunks.
    init(compressor: ZstdCompressor, source: ByteSource) {
        self.compressor = compressor
        self.source = source
        self.mapped = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        self.buffer = buffer
        self.input = ZSTD_inBuffer(src: buffer.baseAddress, size: 0, pos: 0)
        self.inputEnded = false
    }

    /// The whole input at once (a mapped file), ended immediately; zstd reads it in place.
    init(compressor: ZstdCompressor, whole: MappedFile, reference: MappedFile) {
        self.compressor = compressor
        self.source = nil
        self.mapped = [whole, reference]
        self.buffer = nil
        let bytes = whole.bytes
        self.input = ZSTD_inBuffer(src: bytes.baseAddress ?? UnsafeRawPointer(Self.empty), size: bytes.count, pos: 0)
        self.inputEnded = true
    }

    /// A valid address for an empty input (zstd never reads it).
    nonisolated(unsafe) private static let empty = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

    deinit { buffer?.deallocate() }

    func read(into out: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, out.count > 0 else { return 0 }
        var output = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
        while output.pos < output.size {
            if !inputEnded, input.pos == input.size, let source, let buffer {
                let n = try source.read(into: buffer)
                if n == 0 { inputEnded = true }
                input = ZSTD_inBuffer(src: buffer.baseAddress, size: n, pos: 0)
            }
            let before = input.pos
            let remaining = try Zstd.checkCompressing(
                ZSTD_compressStream2(compressor.cctx, &output, &input, inputEnded ? ZSTD_e_end : ZSTD_e_continue),
                "compress")
            consumed += Int64(input.pos - before)
            if inputEnded && remaining == 0 {
                finished = true
                break
            }
        }
        return output.pos
    }
}
