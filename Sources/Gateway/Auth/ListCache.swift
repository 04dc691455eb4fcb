import Foundation
import Synchronization

/// Short-lived per-user answers to hot list queries (the app list every portal page and API
/// client asks for), so a busy client costs one catalog round trip every `ttl` seconds instead
/// of one per request. Any state-changing request through this node clears everything
/// (``CacheInvalidationMiddleware``), so this node never shows a stale list after its own
/// change; other nodes of a cluster show it within `ttl`. Only lists are cached: every access
/// to an object is still checked against the catalog.
public final class ListCache<Value: Sendable>: Sendable {
    private struct Entry { let value: Value; let until: Double; let generation: UInt64 }
    private let state = Mutex<(entries: [String: Entry], generation: UInt64)>(([:], 0))
    private let ttl: Double
    private let capacity: Int

    public init(ttl: Double = 2, capacity: Int = 10_000) {
        self.ttl = ttl
        self.capacity = capacity
    }

    /// The cached value for `key`, or `load()`'s answer, cached unless a change happened while it loaded.
    public func value(_ key: String, now: Double = Date().timeIntervalSinceReferenceDate,
                      load: () async throws -> Value) async throws -> Value {
        let (hit, generation): (Entry?, UInt64) = state.withLock { ($0.entries[key], $0.generation) }
        if ttl > 0, let hit, hit.until > now, hit.generation == generation { return hit.value }
        let value = try await load()
        guard ttl > 0 else { return value }
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(value: value, until: now + ttl, generation: generation)
        }
        return value
    }

    /// Forgets everything (after any change through this node).
    public func invalidateAll() {
        state.withLock { state in
            state.entries.removeAll(keepingCapacity: true)
            state.generation &+= 1
        }
    }
}
