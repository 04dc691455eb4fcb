import CZstd

/// Constants and error mapping shared by `ZstdCompressor` and `ZstdDecompressor`.
///
/// The window-log limits and `ZSTD_c_stableInBuffer` live in the static-linking-only part of
/// `zstd.h`, which the `CZstd` shim does not expose; their values are fixed by the zstd format
/// and ABI, so they are spelled out here.
enum Zstd {
    /// `ZSTD_WINDOWLOG_MIN`.
    static let windowLogMin: Int32 = 10
    /// `ZSTD_WINDOWLOG_MAX` (30 on 32-bit, 31 on 64-bit).
    static let windowLogMax: Int32 = MemoryLayout<Int>.size == 4 ? 30 : 31
    /// `ZSTD_WINDOWLOG_LIMIT_DEFAULT`: what a decoder accepts unless told otherwise.
    static let windowLogLimitDefault: Int32 = 27
    /// `ZSTD_c_stableInBuffer` (experimental parameter 9, stable ABI value 1006 since 1.4.x):
    /// the input buffer stays put between calls, so zstd reads it in place instead of copying
    /// it into a window-sized buffer of its own.
    static let stableInBuffer = ZSTD_c_experimentalParam9

    static func errorName(_ code: Int) -> String { String(cString: ZSTD_getErrorName(code)) }

    static func isError(_ code: Int) -> Bool { ZSTD_isError(code) != 0 }

    /// Throws `CaseError.compression` when `code` is a zstd error; returns it otherwise.
    @discardableResult
    static func checkCompressing(_ code: Int, _ what: String) throws -> Int {
        if isError(code) { throw CaseError.compression("\(what): \(errorName(code))") }
        return code
    }

    /// Throws `CaseError.corrupt` when `code` is a zstd error; returns it otherwise.
    @discardableResult
    static func checkDecoding(_ code: Int, _ what: String) throws -> Int {
        if isError(code) { throw CaseError.corrupt("\(what): \(errorName(code))") }
        return code
    }

    /// The window for reference-prefix ("patch-from") frames, as `zstd --patch-from` picks it
    /// (programs/fileio.c, `FIO_adjustParamsForPatchFromMode`): one more than the highest bit
    /// of the larger of reference and input, clamped to [ZSTD_WINDOWLOG_MIN, ZSTD_WINDOWLOG_MAX].
    /// The window is then larger than either file, so a byte of the input can reach the byte at
    /// the same offset in the reference (distance = reference size) — all a similar pair needs.
    static func patchWindowLog(referenceSize: Int64, inputSize: Int64) -> Int32 {
        let largest = UInt64(max(referenceSize, inputSize, 1))
        let highBit = Int32(63 - largest.leadingZeroBitCount)
        return min(windowLogMax, max(windowLogMin, highBit + 1))
    }

    /// The long-distance matcher's hash table for patch-from frames: `windowLog − 5`, at most 25.
    ///
    /// zstd's default (`windowLog − ldmHashRateLog` = `windowLog − 7`) gives about one table entry
    /// per inserted position once reference and input fill the window, so entries are evicted and
    /// matches into the reference missed. Four times that (load ≈ ¼) made deltas of a 64 MiB CSV
    /// with 1 % of rows changed ~9 % smaller (357 → 327 KB) at the same speed; beyond it the gain
    /// is < 1 % while the table (8 bytes an entry, a quarter of the window here) keeps growing.
    /// Decoding does not depend on it: `zstd -d --patch-from` reads these frames unchanged.
    static func patchLDMHashLog(windowLog: Int32) -> Int32 {
        min(25, max(6, windowLog - 5))
    }
}
