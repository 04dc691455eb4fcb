import Catalog
import Foundation
import Store

/// One gc run of the store, as logged, recorded in the audit log and answered by the API.
public struct StoreGCRun: Sendable, Codable, Equatable {
    /// What started it.
    public enum Trigger: String, Sendable, Codable {
        /// `gcIntervalSeconds` came round.
        case scheduled
        /// An admin, through the API or the portal.
        case admin
        /// `atrium store gc --catalog` (or `--data`).
        case command
    }

    public var at: Date
    /// The node that ran it (the master, in a cluster).
    public var node: String
    public var trigger: Trigger
    /// Who: a user id, or `system`.
    public var actor: String
    public var deletedBlobs: Int
    public var deletedBytes: Int64
    /// Blobs kept because the catalog's roots reach them.
    public var keptReachable: Int
    /// Unreachable blobs kept because they are younger than the grace period.
    public var keptYoung: Int
    public var removedTemporaries: Int
    /// Blobs another process held open (SMB): left for the next run.
    public var skippedBusy: Int
    public var graceSeconds: Double
    public var seconds: Double
    public var dryRun: Bool
    /// The node lost the master lease during the sweep and stopped deleting.
    public var stopped: Bool

    public init(at: Date, node: String, trigger: Trigger, actor: AuditActor, report: GarbageCollector.Report,
                grace: TimeInterval, seconds: Double) {
        self.at = at
        self.node = node
        self.trigger = trigger
        self.actor = actor.description
        self.deletedBlobs = report.deleted.count
        self.deletedBytes = report.deletedBytes
        self.keptReachable = report.kept
        self.keptYoung = report.keptYoung
        self.removedTemporaries = report.removedTemporaries.count
        self.skippedBusy = report.skippedBusy.count
        self.graceSeconds = grace
        self.seconds = seconds
        self.dryRun = report.dryRun
        self.stopped = report.stopped
    }

    /// The audit row's detail (strings, as every audit detail is).
    var auditDetail: [String: String] {
        ["node": node, "trigger": trigger.rawValue, "deletedBlobs": String(deletedBlobs), "deletedBytes": String(deletedBytes),
         "keptReachable": String(keptReachable), "keptYoung": String(keptYoung), "removedTemporaries": String(removedTemporaries),
         "skippedBusy": String(skippedBusy), "graceSeconds": String(graceSeconds), "seconds": String(format: "%.3f", seconds),
         "stopped": String(stopped)]
    }

    /// A run read back from its audit row (nil for a row that is not one).
    init?(_ entry: AuditEntry) {
        guard entry.action == Catalog.storeGCAction,
              let detail = try? JSONDecoder().decode([String: String].self, from: Data(entry.detail.utf8)) else { return nil }
        func int(_ key: String) -> Int { detail[key].flatMap { Int($0) } ?? 0 }
        self.at = entry.at
        self.node = detail["node"] ?? ""
        self.trigger = detail["trigger"].flatMap(Trigger.init(rawValue:)) ?? .scheduled
        self.actor = entry.actor
        self.deletedBlobs = int("deletedBlobs")
        self.deletedBytes = detail["deletedBytes"].flatMap { Int64($0) } ?? 0
        self.keptReachable = int("keptReachable")
        self.keptYoung = int("keptYoung")
        self.removedTemporaries = int("removedTemporaries")
        self.skippedBusy = int("skippedBusy")
        self.graceSeconds = detail["graceSeconds"].flatMap { Double($0) } ?? 0
        self.seconds = detail["seconds"].flatMap { Double($0) } ?? 0
        self.dryRun = false
        self.stopped = detail["stopped"] == "true"
    }
}
