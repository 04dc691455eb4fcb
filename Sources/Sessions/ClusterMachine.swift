import Catalog
import Foundation

/// This node's membership and mastership as a value: events in, actions out, no I/O (tested
/// alone). `ClusterMember` performs the actions against the catalog and feeds back the results.
///
/// The catalog is the only judge: a heartbeat refused means other nodes declared this one dead
/// (its jobs are elsewhere now), so local work is dropped before joining again; a master
/// decision refused as stale, or a lease that lapsed before it could be renewed, ends the
/// mastership at once — never acted on "probably still master".
public struct ClusterMachine: Sendable {
    public enum Role: Sendable, Hashable {
        /// Not registered (yet, or again after being declared dead).
        case joining
        case member
        case master(token: Int64, leaseUntil: Date)
    }

    public enum Event: Sendable, Hashable {
        case tick(Date)
        case registered(Date)
        /// The heartbeat was written (`accepted`), or refused: this incarnation was declared dead or replaced.
        case heartbeat(accepted: Bool, Date)
        /// The catalog could not be reached.
        case catalogFailed(Date)
        /// This node holds the lease, held since `since` (kept across renewals).
        case acquired(token: Int64, leaseUntil: Date, since: Date)
        case renewed(leaseUntil: Date)
        /// Renewal refused, or a master decision was refused as stale.
        case lostMastership
        /// A notice about the job queue (`JobNoticeListener`).
        case jobNotice(JobNotice)
        /// The notice listener is listening (again): notices may have been missed meanwhile.
        case noticesListening
    }

    public enum Action: Sendable, Hashable {
        case register
        case heartbeat
        /// Heartbeat accepted: renew the work guard.
        case renewGuard
        case tryAcquireMaster
        case renewMaster(token: Int64)
        /// Declare dead nodes and clean up after them, fenced with `token`.
        case masterPass(token: Int64)
        /// Stop acting as master (publish "no lease").
        case stepDown
        /// Others declared this node dead and took its work: stop every local job and session.
        case dropLocalWork
        /// Let the job runner look at the queue now (a pass: the master's dispatch, this node's claims).
        case wakeJobs
    }

    public let settings: ClusterSettings
    public private(set) var role: Role = .joining
    private var nextHeartbeat = Date.distantPast
    private var nextRenewal = Date.distantPast
    private var masterSince = Date.distantFuture

    public init(settings: ClusterSettings) {
        self.settings = settings
    }

    public mutating func handle(_ event: Event) -> [Action] {
        switch event {
        case .tick(let now):
            return tick(now)
        case .registered(let now):
            role = .member
            nextHeartbeat = now.addingTimeInterval(settings.heartbeat)
            return [.renewGuard]
        case .heartbeat(let accepted, let now):
            guard accepted else {
                let wasMaster = isMaster
                role = .joining
                return (wasMaster ? [.stepDown] : []) + [.dropLocalWork, .register]
            }
            nextHeartbeat = now.addingTimeInterval(settings.heartbeat)
            return [.renewGuard]
        case .catalogFailed(let now):
            if case .master(_, let until) = role, until <= now {
                role = .member
                return [.stepDown]
            }
            return []
        case .acquired(let token, let until, let since):
            guard role != .joining else { return [] }
            role = .master(token: token, leaseUntil: until)
            masterSince = since
            nextRenewal = until.addingTimeInterval(-settings.masterLease + settings.masterRenewal)
            return []
        case .renewed(let until):
            guard case .master(let token, _) = role else { return [] }
            role = .master(token: token, leaseUntil: until)
            nextRenewal = until.addingTimeInterval(-settings.masterLease + settings.masterRenewal)
            return []
        case .lostMastership:
            guard isMaster else { return [] }
            role = .member
            return [.stepDown]
        case .jobNotice(.queue):
            // Queued work is the master's to place; the others wait to be given some.
            return isMaster ? [.wakeJobs] : []
        case .jobNotice(.assigned(let node)):
            return node == settings.node && role != .joining ? [.wakeJobs] : []
        case .noticesListening:
            return role == .joining ? [] : [.wakeJobs]
        }
    }

    public var isMaster: Bool {
        if case .master = role { return true }
        return false
    }

    private mutating func tick(_ now: Date) -> [Action] {
        switch role {
        case .joining:
            return [.register]
        case .member:
            var actions: [Action] = now >= nextHeartbeat ? [.heartbeat] : []
            actions.append(.tryAcquireMaster)
            return actions
        case .master(let token, let until):
            var actions: [Action] = now >= nextHeartbeat ? [.heartbeat] : []
            if until <= now {
                // Lapsed before it was renewed: another node may hold it already.
                role = .member
                return actions + [.stepDown, .tryAcquireMaster]
            }
            if now >= nextRenewal { actions.append(.renewMaster(token: token)) }
            // A new master judges nobody dead before it has held the lease for the dead-after
            // time: after a catalog outage (which also ends leases) every node's last heartbeat is
            // old, and each deserves the chance to write a new one first.
            if now >= masterSince.addingTimeInterval(settings.deadAfter) { actions.append(.masterPass(token: token)) }
            return actions
        }
    }
}
