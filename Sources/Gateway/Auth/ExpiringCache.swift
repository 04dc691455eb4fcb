import Foundation
import Synchronization

/// Answers kept for `ttl` seconds per key, so a hot lookup costs one catalog round trip every
/// `ttl` seconds instead of one per request: the per-user app list pages
/// (``AtriumServices/appListCache``, cleared by any change through this node,
/// ``CacheInvalidationMiddleware``) and verified API tokens (``TokenCache``). Other nodes of a
/// cluster see a change within `ttl`.
///
/// Every invalidation bumps a generation, and a load that raced one is returned but not cached,
/// so a change made while a lookup ran is never undone by caching its stale answer.
public final class ExpiringCache<Value: Sendable>: Sendable {
    private struct Entry { let value: Value; let until: Double }
    private let state = Mutex<(entries: [String: Entry], generation: UInt64)>(([:], 0))
    private let ttl: Double
    private let capacity: Int

    /// A `ttl` of 0 or less caches nothing. At `capacity` entries expired ones are dropped, and
    /// everything when none has expired.
    public init(ttl: Double, capacity: Int = 10_000) {
        self.ttl = ttl
        self.capacity = capacity
    }

    /// The cached value for `key`, or `load()`'s answer, cached unless a change happened while it loaded.
    public func value(_ key: String, now: Double = Date().timeIntervalSinceReferenceDate,
                      load: () async throws -> Value) async throws -> Value {
        // `load` answers a value, so the answer is never nil.
        try await valueIfAny(key, now: now) { try await load() }!
    }

    /// Like ``value(_:now:load:)``, but a nil answer is not cached and drops what `key` had.
    public func valueIfAny(_ key: String, now: Double = Date().timeIntervalSinceReferenceDate,
                           load: () async throws -> Value?) async throws -> Value? {
        let (hit, generation): (Entry?, UInt64) = state.withLock { ($0.entries[key], $0.generation) }
        if ttl > 0, let hit, hit.until > now { return hit.value }
        guard let value = try await load() else {
            _ = state.withLock { $0.entries.removeValue(forKey: key) }
            return nil
        }
        guard ttl > 0 else { return value }
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= capacity { state.entries = state.entries.filter { $0.value.until > now } }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(value: value, until: now + ttl)
        }
        return value
    }

    /// Forgets the entries whose value matches.
    public func invalidate(where matches: (Value) -> Bool) {
        state.withLock { state in
            state.entries = state.entries.filter { !matches($0.value.value) }
            state.generation &+= 1
        }
    }

    /// Forgets everything (after any change through this node).
    public func invalidateAll() {
        state.withLock { state in
            state.entries.removeAll(keepingCapacity: true)
            state.generation &+= 1
        }
    }
}
