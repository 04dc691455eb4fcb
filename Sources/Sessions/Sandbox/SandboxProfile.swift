/// What one sandboxed runtime process may see and be: the host directories bound into it, its
/// uid, its kind and whether it keeps the host's network.
public struct SandboxProfile: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case data
        case solve
    }

    /// `S`: `DATA/sessions/<id>` or `DATA/jobs/<id>` (root-only; never bound itself).
    public var sessionDirectory: String
    /// The extracted runtime, `/atrium/runtime` read-only.
    public var runtimeDirectory: String
    /// `S/app`, `/atrium/app` read-only.
    public var appDirectory: String
    /// `S/work`, `/atrium/work` read-write: the working directory and HOME.
    public var workDirectory: String
    /// `S/sock`, `/atrium/sock` read-write.
    public var socketDirectory: String
    /// The gateway's API socket (`DATA/run/api.sock`), `/atrium/api.sock`; nil binds none.
    public var apiSocket: String?
    public var uid: UInt32
    public var kind: Kind
    /// The runtime package declares it needs the network and the admin allowed it: the sandbox
    /// keeps the host's network namespace (and /etc/resolv.conf, /etc/hosts, /etc/ssl).
    public var networkAllowed: Bool

    public init(sessionDirectory: String, runtimeDirectory: String, apiSocket: String?, uid: UInt32, kind: Kind,
                networkAllowed: Bool = false) {
        self.sessionDirectory = sessionDirectory
        self.runtimeDirectory = runtimeDirectory
        self.appDirectory = sessionDirectory + "/app"
        self.workDirectory = sessionDirectory + "/work"
        self.socketDirectory = sessionDirectory + "/sock"
        self.apiSocket = apiSocket
        self.uid = uid
        self.kind = kind
        self.networkAllowed = networkAllowed
    }
}
