import Foundation

/// One limit an admin set for a user or a group. `limit` nil: unlimited.
public struct QuotaSetting: Sendable, Hashable {
    public let subject: Subject
    public let kind: QuotaKind
    public let limit: Int64?
    /// Who set it (an audit actor, `user:<id>`) and when.
    public let setBy: String
    public let setAt: Date
}
