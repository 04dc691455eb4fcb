import Foundation

/// One row of the audit log.
public struct AuditEntry: Sendable, Hashable, Identifiable {
    /// Time-ordered id; pass it as `before` to get the next (older) page.
    public let id: String
    public let at: Date
    /// A user id or `system`.
    public let actor: String
    /// What happened, e.g. `user.create`, `app.latest`, `case.save`.
    public let action: String
    /// What it happened to, e.g. `user:<id>`, `app:<name>`, `case:<id>`.
    public let target: String
    /// A JSON object with details (never secrets).
    public let detail: String
}
