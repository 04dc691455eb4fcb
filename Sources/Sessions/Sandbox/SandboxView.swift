/// Host paths as a runtime sees them: inside the sandbox `S/app` is `/atrium/app` and so on;
/// without it (`identity`) every path is the host's. The session environment and the runtime's
/// command line are written through it.
public struct SandboxView: Sendable, Hashable {
    public static let app = "/atrium/app"
    public static let runtime = "/atrium/runtime"
    public static let work = "/atrium/work"
    public static let sock = "/atrium/sock"
    public static let apiSocket = "/atrium/api.sock"
    public static let bin = "/atrium/bin"

    /// (host prefix, inside prefix), longest host prefix first.
    public let mounts: [(host: String, inside: String)]

    public static let identity = SandboxView(mounts: [])

    init(mounts: [(host: String, inside: String)]) {
        self.mounts = mounts.sorted { $0.host.count > $1.host.count }
    }

    /// The view of a sandbox with `profile`.
    public init(_ profile: SandboxProfile) {
        var mounts = [(profile.appDirectory, Self.app), (profile.runtimeDirectory, Self.runtime),
                      (profile.workDirectory, Self.work), (profile.socketDirectory, Self.sock)]
        if let socket = profile.apiSocket { mounts.append((socket, Self.apiSocket)) }
        self.init(mounts: mounts.map { (host: $0.0, inside: $0.1) })
    }

    /// `path` as seen inside: the mount that holds it, else unchanged (system paths are the same
    /// inside, and anything else is not there at all).
    public func path(_ host: String) -> String {
        for mount in mounts {
            if host == mount.host { return mount.inside }
            if host.hasPrefix(mount.host + "/") { return mount.inside + host.dropFirst(mount.host.count) }
        }
        return host
    }

    public static func == (lhs: SandboxView, rhs: SandboxView) -> Bool {
        lhs.mounts.map(\.host) == rhs.mounts.map(\.host) && lhs.mounts.map(\.inside) == rhs.mounts.map(\.inside)
    }

    public func hash(into hasher: inout Hasher) {
        for mount in mounts {
            hasher.combine(mount.host)
            hasher.combine(mount.inside)
        }
    }
}
