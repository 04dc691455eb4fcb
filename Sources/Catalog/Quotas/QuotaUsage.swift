/// One of a user's limits with their use of it now. `used` is nil for what the catalog does not
/// count (one upload's size is per request).
public struct QuotaUsage: Sendable, Hashable {
    public let limit: QuotaLimit
    public let used: Int64?

    public init(limit: QuotaLimit, used: Int64?) {
        self.limit = limit
        self.used = used
    }

    public var kind: QuotaKind { limit.kind }
}
