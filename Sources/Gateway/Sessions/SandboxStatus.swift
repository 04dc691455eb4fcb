import Foundation
import Sessions

/// Whether this node's runtime processes run in the sandbox, found once at start
/// (``SandboxStatus/find(_:probe:)``): the launch and solve checks (``SandboxPolicy``), `/readyz`
/// and the portal's admin banner all read it.
public enum SandboxStatus: Sendable, Equatable {
    /// Every runtime process runs in the sandbox.
    case on
    /// An admin turned the sandbox off (`sandbox` = `off`): runtimes run as the gateway's own
    /// user, with everything it can reach.
    case off
    /// The sandbox is on but this host cannot make one; `reason` says why. Sessions and solves
    /// are refused until the admin fixes the host or turns the sandbox off.
    case unavailable(reason: String)

    /// What `/readyz` says: `on`, `off` or `unavailable`.
    public var word: String {
        switch self {
        case .on: "on"
        case .off: "off"
        case .unavailable: "unavailable"
        }
    }

    /// Checks whether a sandbox can be made with `settings`: `probe` (``probe(_:directory:executor:)``)
    /// answers nil when it can, or why not. Not probed when the sandbox is off.
    public static func find(_ settings: SandboxSettings, probe: (SandboxSettings) async -> String?) async -> SandboxStatus {
        guard settings.enabled else { return .off }
        if let reason = await probe(settings) { return .unavailable(reason: reason) }
        return .on
    }
}
