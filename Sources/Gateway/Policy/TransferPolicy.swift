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

    /// ``holder(_:_:)``, refused at once (429 naming the quota) when the user's share is already
    /// spent on this node. Case transfer routes call it first, before their catalog and store
    /// reads, so a client that keeps opening transfers past its share costs one quota read each;
    /// the slot itself is taken later, where the share is enforced race-free.
    static func admit(_ identity: Identity, _ catalog: Catalog, _ executor: BlockingExecutor) async throws -> Holder {
        let holder = try await holder(identity, catalog)
        guard executor.held(.transfers, by: holder.key) < holder.share else {
            throw BlockingLaneShareFull(lane: .transfers, holder: holder.key, share: holder.share)
        }
        return holder
    }

    /// The transfers `userId` runs on this node now (their slots taken).
    static func inUse(userId: String, _ executor: BlockingExecutor) -> Int {
        executor.held(.transfers, by: key(userId))
    }

    private static func key(_ userId: String) -> String { "user " + userId }
}
