import Foundation
import Logging
import ServiceLifecycle

/// The sessions' long-running part in the application's ServiceGroup: passes proxy activity to
/// the session manager, ticks its timers every second, runs the job queue, and on graceful
/// shutdown gives running jobs back to the queue and stops every data session before it
/// returns (register it after the catalog's closer, so the catalog is still open then).
public struct SessionService: Service {
    let sessions: SessionManager
    let jobs: JobRunner
    let cluster: ClusterMember?
    let activity: AsyncStream<(session: String, activity: ProxyActivity)>
    let tickInterval: Duration

    /// `activity` is what the session manager's ``ProxyDirectory`` reports (its listener yields
    /// into this stream). With a `cluster` member, this node also heartbeats, runs for master and,
    /// on shutdown, leaves the cluster once its work is handed back.
    public init(sessions: SessionManager, jobs: JobRunner, cluster: ClusterMember? = nil,
                activity: AsyncStream<(session: String, activity: ProxyActivity)>, tickInterval: Duration = .seconds(1)) {
        self.sessions = sessions
        self.jobs = jobs
        self.cluster = cluster
        self.activity = activity
        self.tickInterval = tickInterval
    }

    public func run() async throws {
        let activity = self.activity
        let sessions = self.sessions
        let jobs = self.jobs
        let tickInterval = self.tickInterval
        let cluster = self.cluster
        try await sessions.recoverAfterRestart()
        try await jobs.recoverAfterRestart()
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await (session, event) in activity { await sessions.activity(session, event) }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: tickInterval)
                        if !Task.isCancelled { await sessions.tick() }
                    }
                }
                group.addTask { await jobs.run() }
                if let cluster { group.addTask { await cluster.run() } }
                await group.waitForAll()
            }
        }
        await jobs.shutdown()
        await sessions.stopAll(reason: .shutdown)
        await cluster?.leave()
    }
}
