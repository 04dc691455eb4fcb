import Catalog
import Foundation

extension JobRunner {
    /// At start: jobs the catalog shows running on this node were orphaned by a previous
    /// process of it. They go back at once as lost jobs (`JobMachine.afterNodeLoss`: the attempt
    /// counts, as a node death does), instead of waiting for their leases to lapse.
    public func recoverAfterRestart(now: Date = Date()) async throws {
        for job in try await catalog.runningJobs(node: settings.node) where running[job.id] == nil {
            let after = try await catalog.releaseJob(id: job.id, node: settings.node, now: now, attempt: job.attempts,
                                                     rule: JobMachine.rule(after: .abandoned))
            logger.warning("job orphaned by a restart of its node", metadata: ["job": "\(job.id)", "now": "\(after?.state.rawValue ?? "?")"])
        }
    }
}
