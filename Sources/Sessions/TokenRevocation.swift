import Catalog
import Foundation
import Logging

/// Revokes the token of a data session or job that ended, and tells the gateway (its token cache
/// forgets the token at once). A revocation that fails for a passing reason (the catalog
/// unreachable for a moment) is tried again with backoff, up to ``attempts`` times; every failure
/// is logged, and one that gives up is logged as an error with the token's id. Either way the
/// token no longer works once the catalog records the session's end or the job's outcome
/// (``Catalog/authenticate(token:now:)`` checks what a bound token serves).
enum TokenRevocation {
    static let attempts = 5

    /// Revokes `tokenId` (of `owner`, e.g. "data session x") with ``run(_:of:logger:firstDelay:_:)``.
    static func revoke(_ tokenId: String, of owner: String, catalog: Catalog, hooks: SessionHooks, logger: Logger,
                       now: Date = Date()) async {
        await run(tokenId, of: owner, logger: logger) {
            try await catalog.revokeToken(id: tokenId, by: .system, now: now)
        }
        hooks.revokedToken(id: tokenId)
    }

    /// Calls `revoke` until it succeeds, it fails with an answer of the catalog (a
    /// ``CatalogError`` that is not transient), or ``attempts`` calls failed; waits `firstDelay`
    /// after the first failure, doubling up to 2 s. True when the token was revoked.
    @discardableResult
    static func run(_ tokenId: String, of owner: String, logger: Logger, firstDelay: Duration = .milliseconds(200),
                    isolation: isolated (any Actor)? = #isolation, _ revoke: () async throws -> Void) async -> Bool {
        var delay = firstDelay
        for attempt in 1...attempts {
            do {
                try await revoke()
                if attempt > 1 { logger.notice("token revoked after a retry", metadata: metadata(tokenId, owner, attempt)) }
                return true
            } catch let error as CatalogError where !error.isTransient {
                logger.error("could not revoke a token", metadata: metadata(tokenId, owner, attempt, error))
                return false
            } catch {
                guard attempt < attempts else {
                    logger.error("could not revoke a token; giving up", metadata: metadata(tokenId, owner, attempt, error))
                    return false
                }
                logger.warning("could not revoke a token; trying again", metadata: metadata(tokenId, owner, attempt, error))
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(2))
            }
        }
        return false
    }

    private static func metadata(_ tokenId: String, _ owner: String, _ attempt: Int, _ error: (any Error)? = nil) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["token": "\(tokenId)", "of": "\(owner)", "attempt": "\(attempt)"]
        if let error { metadata["error"] = "\(error)" }
        return metadata
    }
}
