import Catalog
import Foundation

extension JobRunner {
    /// At start: jobs the catalog shows running on this node were orphaned by a previous
    /// process of it. They go back to the queue at once (the attempt counts, as a node death
    /// does), instead of waiting for their leases to lapse.
    public func recoverAfterRestart(now: Date = Date()) async throws {
        for job in try await catalog.runningJobs(node: settings.node) where running[job.id] == nil {
            let after = try await catalog.releaseJob(id: job.id, node: settings.node, countAttempt: true, now: now, attempt: job.attempts)
            logger.warning("job orphaned by a restart of its node", metadata: ["job": "\(job.id)", "now": "\(after?.state.rawValue ?? "?")"])
        }
    }
}
