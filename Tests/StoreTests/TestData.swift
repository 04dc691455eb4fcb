/// Deterministic pseudo-random bytes for tests (xorshift), so failures reproduce.
enum TestData {
    static func bytes(_ count: Int, seed: UInt64 = 0x9E3779B97F4A7C15) -> [UInt8] {
        var state = (seed &* 0x9E3779B97F4A7C15) ^ 0xD1B54A32D192ED03 | 1
        var out = [UInt8](repeating: 0, count: count)
        var i = 0
        while i < count {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            var word = state
            for _ in 0..<8 where i < count {
                out[i] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                i += 1
            }
        }
        return out
    }
}
