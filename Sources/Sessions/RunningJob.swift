import Catalog
import Foundation

/// A job attempt this node runs.
struct RunningJob: Sendable {
    let record: JobRecord
    let scratch: String
    let seatId: String
    /// When to renew its seat; nil once the seat lapsed or was refused (nothing left to renew).
    var seatLease: SeatLease?
    var machine = JobMachine()
    var process: RuntimeProcess?
    /// Its uid, cgroup and directories; released when the attempt ended.
    var sandbox: SandboxSpace?
    /// Its last progress text and result status, read from its output lines.
    let output = JobOutput()
    var stopGrace: Duration = .seconds(10)
    var tokenId: String?
    let started: Date
    var concluding = false
    /// The result and the success are in the catalog already (`saveJobResult`).
    var resultRecorded = false
    /// Its seat was returned and its token revoked.
    var resourcesReleased = false
}
