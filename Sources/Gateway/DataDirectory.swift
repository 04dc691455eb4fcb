import Logging
import Sessions
import Store

/// DATA, the gateway's data directory: made owner-only (0700) when missing, like everything the
/// gateway makes in it. One that an older Atrium or an admin made open to the group or others is
/// tightened to 0700 at start, which is logged (once: the next start finds it tight). One too
/// long for the sessions' Unix sockets under it is refused before anything is made.
enum DataDirectory {
    static func prepare(_ path: String, logger: Logger) throws {
        if let problem = SessionSettings.socketPathProblem(dataDirectory: path) {
            throw ConfigurationError(setting: "dataDirectory", source: path, reason: problem)
        }
        try OwnerOnly.makeDirectories(path)
        if let before = try OwnerOnly.tighten(directory: path) {
            logger.notice("made the data directory owner-only",
                          metadata: ["path": "\(path)", "modeBefore": "\(String(before, radix: 8))", "mode": "700"])
        }
    }
}
