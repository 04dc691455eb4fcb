import Catalog

/// What the sandbox's state means for callers, for the API and the portal alike: launches and
/// solves are refused while the sandbox is on but cannot be made, and admins (only they) are told
/// when it is off or missing.
enum SandboxPolicy {
    /// The problem type of a launch or solve refused for want of a sandbox.
    static let unavailableType = "urn:atrium:problem:sandbox-unavailable"

    /// Throws 503 (typed ``unavailableType``) saying why and what the admin can do, when the
    /// sandbox is on but this node cannot make one; `what` is "launch" or "solve".
    static func requireRunnable(_ status: SandboxStatus, _ what: String) throws {
        guard case .unavailable(let reason) = status else { return }
        throw Problem(status: .serviceUnavailable,
                      detail: "Atrium refuses to \(what) because no sandbox can be made on this server: \(reason). "
                          + "An administrator can fix the server, or turn the sandbox off explicitly (sandbox = off).",
                      type: unavailableType, title: "Sandbox unavailable")
    }

    /// The warning `role` sees on every portal page, or nil: admins are told that the sandbox is
    /// off or cannot be made; nobody else is.
    static func notice(for role: Role, _ status: SandboxStatus) -> String? {
        guard role == .admin else { return nil }
        switch status {
        case .on:
            return nil
        case .off:
            return "The sandbox is off: apps and runtimes run as the gateway's own user and can read and change everything it can "
                + "(the data directory, the catalog, keys, other users' sessions). Turn it on with sandbox = on (ATRIUM_SANDBOX=on)."
        case .unavailable(let reason):
            return "No sandbox can be made on this server, so data sessions and solves are refused: \(reason)."
        }
    }
}
