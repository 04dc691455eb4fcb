/// A case shared with a user or a group, for reading or writing.
public struct CaseShare: Sendable, Hashable {
    public let subject: Subject
    public let access: CaseAccess
}
