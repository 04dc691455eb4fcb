import Catalog

/// How the portal says where a job stands: "solved: optimal" for a solution, "solved:
/// infeasible" (a warning, no solution offered) when the solver ran to its end without one,
/// "failed", "cancelled", "queued", "running".
struct PortalJobOutcome {
    /// The words shown in the state column and on the job page.
    let text: String
    /// The CSS class: `good`, `warn`, `bad` or empty.
    let style: String
    /// Whether the result version holds a solution worth opening as one.
    let hasSolution: Bool

    init(_ job: JobRecord) {
        switch job.state {
        case .succeeded where job.foundSolution:
            text = job.resultStatus.map { "solved: \($0)" } ?? "succeeded"
            style = "good"
            hasSolution = true
        case .succeeded:
            text = "solved: \(job.resultStatus ?? "no solution")"
            style = "warn"
            hasSolution = false
        case .failed:
            text = "failed"
            style = "bad"
            hasSolution = false
        case .cancelled, .queued, .running:
            text = job.state.rawValue
            style = ""
            hasSolution = false
        }
    }

    /// A sentence for the job page when the solver found no solution.
    static func explanation(_ status: String?) -> String {
        switch status {
        case "infeasible": "The solver found no solution: the constraints cannot all hold at once. Check the case's data (for example, demand larger than supply)."
        case "unbounded": "The solver found no solution: the objective can improve without limit. A bound or constraint is probably missing."
        default: "The solver ran to its end without a usable solution (\(status ?? "no status")). The log below says more."
        }
    }
}
