import Catalog
import Crypto
import Foundation
import Synchronization

/// Recently verified API tokens, for `ttl` seconds, so a busy client costs one catalog lookup
/// per token every few seconds instead of one per request. Changes made through this node
/// (revoking a token, disabling a user, changing a role) drop the affected entries at once; on
/// other nodes of a cluster they take effect within `ttl`. Keys are SHA-256 digests of the
/// secrets, never the secrets.
public final class TokenCache: Sendable {
    private struct Entry { let authentication: TokenAuthentication; let until: Double }
    /// The entries, and a counter bumped by every invalidation: a lookup that raced one is not cached.
    private let state = Mutex<(entries: [String: Entry], generation: UInt64)>(([:], 0))
    private let ttl: Double
    private let capacity: Int

    public init(ttl: Double = 5, capacity: Int = 10_000) {
        self.ttl = ttl
        self.capacity = capacity
    }

    /// The cached authentication for `secret`, or what `lookup` answers (cached when valid).
    public func authenticate(_ secret: String, now: Double = Date().timeIntervalSinceReferenceDate,
                             lookup: (String) async throws -> TokenAuthentication?) async throws -> TokenAuthentication? {
        let key = Self.key(secret)
        let (hit, generation): (Entry?, UInt64) = state.withLock { ($0.entries[key], $0.generation) }
        if ttl > 0, let hit, hit.until > now {
            return hit.authentication
        }
        guard let authentication = try await lookup(secret) else {
            _ = state.withLock { $0.entries.removeValue(forKey: key) }
            return nil
        }
        if ttl > 0 {
            state.withLock { state in
                // A revocation that happened while the lookup ran must not be undone by caching its answer.
                guard state.generation == generation else { return }
                if state.entries.count >= capacity { state.entries = state.entries.filter { $0.value.until > now } }
                if state.entries.count < capacity { state.entries[key] = Entry(authentication: authentication, until: now + ttl) }
            }
        }
        return authentication
    }

    /// Drops the entry of the token with this id.
    public func invalidate(tokenId: String) {
        state.withLock { state in
            state.entries = state.entries.filter { $0.value.authentication.tokenId != tokenId }
            state.generation &+= 1
        }
    }

    /// Drops every entry of this user's tokens.
    public func invalidate(userId: String) {
        state.withLock { state in
            state.entries = state.entries.filter { $0.value.authentication.user.id != userId }
            state.generation &+= 1
        }
    }

    static func key(_ secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
