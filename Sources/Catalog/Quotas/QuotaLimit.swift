/// A user's effective limit of one kind and where it comes from. `value` nil: unlimited.
public struct QuotaLimit: Sendable, Hashable {
    public let kind: QuotaKind
    public let value: Int64?
    public let source: QuotaSource

    public init(kind: QuotaKind, value: Int64?, source: QuotaSource) {
        self.kind = kind
        self.value = value
        self.source = source
    }

    /// Whether using `used + adding` stays within the limit.
    public func allows(used: Int64, adding: Int64) -> Bool {
        guard let value else { return true }
        let (total, overflow) = used.addingReportingOverflow(adding)
        return !overflow && total <= value
    }
}
