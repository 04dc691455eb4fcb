import Foundation

/// A solve job as the gateway's API shows it.
struct GatewayJob: Sendable, Codable, Equatable {
    var id: String
    var state: String
    var progress: String?
    var resultNumber: Int64?
    var reason: String?
    /// Set once someone asked to cancel it (it may still be stopping).
    var cancelRequested: Bool?
    /// What the solver concluded (`optimal`, `infeasible`, …), from the runtime's `result:` line.
    var resultStatus: String?

    var isFinished: Bool { ["succeeded", "failed", "cancelled"].contains(state) }
}
