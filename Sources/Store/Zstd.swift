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
}
