import Catalog
import Crypto
import Foundation

/// Recently verified API tokens, for `ttl` seconds, so a busy client costs one catalog lookup
/// per token every few seconds instead of one per request. Changes made through this node
/// (revoking a token, disabling a user, changing a role) drop the affected entries at once; on
/// other nodes of a cluster they take effect within `ttl`. Keys are SHA-256 digests of the
/// secrets, never the secrets.
public final class TokenCache: Sendable {
    private let cache: ExpiringCache<TokenAuthentication>

    public init(ttl: Double = 5, capacity: Int = 10_000) {
        cache = ExpiringCache(ttl: ttl, capacity: capacity)
    }

    /// The cached authentication for `secret`, or what `lookup` answers (cached when valid).
    public func authenticate(_ secret: String, now: Double = Date().timeIntervalSinceReferenceDate,
                             lookup: (String) async throws -> TokenAuthentication?) async throws -> TokenAuthentication? {
        try await cache.valueIfAny(Self.key(secret), now: now) { try await lookup(secret) }
    }

    /// Drops the entry of the token with this id.
    public func invalidate(tokenId: String) {
        cache.invalidate { $0.tokenId == tokenId }
    }

    /// Drops every entry of this user's tokens.
    public func invalidate(userId: String) {
        cache.invalidate { $0.user.id == userId }
    }

    static func key(_ secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
