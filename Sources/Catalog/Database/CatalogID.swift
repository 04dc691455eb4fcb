import Foundation
import Synchronization

/// Row ids, generated in Swift (no autoincrement, so both databases behave the same): 32
/// lowercase hex characters laid out like a UUIDv7 — 48 bits of Unix milliseconds, then a
/// per-process counter, then random bits — so ids sort by creation time. The audit log pages by
/// id, newest first.
enum CatalogID {
    private static let last = Mutex<(ms: UInt64, counter: UInt64)>((0, 0))

    static func make(now: Date = Date()) -> String {
        let wall = UInt64(max(0, (now.timeIntervalSince1970 * 1000).rounded(.down)))
        let (ms, counter) = last.withLock { state -> (UInt64, UInt64) in
            if wall > state.ms {
                state = (wall, 0)
            } else {
                state.counter += 1
                if state.counter > 0xfff { state = (state.ms + 1, 0) }
            }
            return state
        }
        var rng = SystemRandomNumberGenerator()
        let high = (ms << 16) | 0x7000 | (counter & 0xfff)
        let low = (UInt64(0b10) << 62) | (rng.next() >> 2)
        return hex(high, 16) + hex(low, 16)
    }

    private static func hex(_ value: UInt64, _ width: Int) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
