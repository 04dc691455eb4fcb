import Catalog
import Store

/// Whose share of the transfer slots an upload or download counts against, and how large it is:
/// its user's, whatever the credential (portal session, API token, a data session's token), so
/// one user's many connections share one share; the share is the user's `transfers` quota (their
/// own, else their groups' most generous, else `transfersPerUser`), read once per request.
public enum TransferPolicy {
    /// A user's key in the transfers lane and their share of it.
    public struct Holder: Sendable {
        let key: String
        let share: Int
    }

    static func holder(_ identity: Identity, _ catalog: Catalog) async throws -> Holder {
        let quota = try await catalog.effectiveQuota(userId: identity.user.id, kind: .transfers)
        // Unlimited: the lane's own bound (32 slots) still holds.
        let share = quota.value.map { Int(clamping: $0) } ?? Int.max
        return Holder(key: key(identity.user.id), share: share)
    }

    /// The transfers `userId` runs on this node now (their slots taken).
    static func inUse(userId: String, _ executor: BlockingExecutor) -> Int {
        executor.held(.transfers, by: key(userId))
    }

    private static func key(_ userId: String) -> String { "user " + userId }
}
