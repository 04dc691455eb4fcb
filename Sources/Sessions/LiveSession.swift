import Foundation

/// A data session this node runs: its machine, process and what to release when it ends.
struct LiveSession: Sendable {
    let id: String
    let userId: String
    let app: String
    let scratch: String
    let logPath: String
    var machine: DataSessionMachine
    var process: RuntimeProcess?
    /// Its uid, cgroup and directories; released when it ended.
    var sandbox: SandboxSpace?
    /// Its socket directory, held open while it lives (the socket's short path goes through it).
    var socketDirectory: SocketDirectory?
    var stopGrace: Duration
    var seatId: String
    var tokenId: String?
    var target: ProxyTarget?
    var finishing = false
}
