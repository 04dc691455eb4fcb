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
        return update(key, now: now) { bucket in
            guard bucket.tokens >= 1 else { return false }
            bucket.tokens -= 1
            return true
        }
    }

    /// How long `key` must wait before its next request, without spending one: nil when one is left.
    public func wait(_ key: String, now: Double = Date().timeIntervalSinceReferenceDate) -> Int? {
        guard perSecond > 0 else { return nil }
        return update(key, now: now) { $0.tokens >= 1 }
    }

    /// Spends one request for `key` after the fact, even when none is left: the bucket then owes
    /// (down to `-burst`), paid back at `perSecond`. For counting failures once they are known,
    /// where several checks ran at once after one ``wait(_:now:)`` each.
    public func spend(_ key: String, now: Double = Date().timeIntervalSinceReferenceDate) {
        guard perSecond > 0 else { return }
        let burst = self.burst
        _ = update(key, now: now) { bucket in
            bucket.tokens = max(-burst, bucket.tokens - 1)
            return true
        }
    }

    /// Refills `key`'s bucket up to `now` and lets `decide` spend from it; nil when `decide`
    /// allows, else the seconds until one request is left.
    private func update(_ key: String, now: Double, _ decide: (inout Bucket) -> Bool) -> Int? {
        buckets.withLock { table in
            if table.count > 50_000 { Self.prune(&table, now: now, fullAfter: 2 * burst / perSecond) }
            var bucket = table[key] ?? Bucket(tokens: burst, updated: now)
            // A call that read the clock before a later one ran (a failure counted after a
            // password check) refills nothing rather than taking back.
            bucket.tokens = min(burst, bucket.tokens + max(0, now - bucket.updated) * perSecond)
            bucket.updated = max(bucket.updated, now)
            let allowed = decide(&bucket)
            table[key] = bucket
            return allowed ? nil : max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
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
