import Foundation
import Synchronization

/// Token buckets keyed by caller: each key may spend `burst` requests at once and regains
/// `perSecond` a second. ``take(_:now:)`` answers how long to wait when the bucket is empty,
/// which becomes `Retry-After`. Idle buckets are dropped so the table stays small.
public final class RateLimiter: Sendable {
    private struct Bucket { var tokens: Double; var updated: Double }
    private let perSecond: Double
    private let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    /// A limiter granting `perSecond` requests a second with bursts of `burst`; `perSecond` 0
    /// means no limit.
    public init(perSecond: Double, burst: Double) {
        self.perSecond = perSecond
        self.burst = max(1, burst)
    }

    /// Spends one request for `key`. Returns nil when allowed, else the seconds to wait.
    public func take(_ key: String, now: Double = Date().timeIntervalSinceReferenceDate) -> Int? {
        guard perSecond > 0 else { return nil }
        return buckets.withLock { table in
            if table.count > 50_000 { Self.prune(&table, now: now, fullAfter: burst / perSecond) }
            var bucket = table[key] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated) * perSecond)
            bucket.updated = now
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                table[key] = bucket
                return nil
            }
            table[key] = bucket
            return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
        }
    }

    /// Forgets `key` (a successful log-on clears its failures).
    public func reset(_ key: String) {
        _ = buckets.withLock { $0.removeValue(forKey: key) }
    }

    private static func prune(_ table: inout [String: Bucket], now: Double, fullAfter: Double) {
        table = table.filter { now - $0.value.updated < fullAfter }
    }
}
