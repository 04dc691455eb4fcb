/// Why a session or job could not start or went wrong, in words a user can act on.
public enum SessionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The runtime package's manifest is missing or wrong.
    case invalidManifest(String)
    /// The executable could not be found or started.
    case spawnFailed(String)
    /// The runtime did not answer its ready probe in time; the log tail says why.
    case notReady(String)
    /// The runtime exited before it was ready.
    case exitedEarly(ProcessExit, String)
    /// A license limit was reached (the gateway answers 429).
    case limitReached(String)
    /// No license allows this (expired, wrong app).
    case unlicensed(String)
    case notFound(String)
    case invalidState(String)
    /// The app or its runtime cannot be launched (not verified, missing, cannot solve).
    case cannotLaunch(String)

    /// The same in words for the person who launched: no paths, exit codes or log lines (those
    /// are in ``description``, for the admin's log).
    public var userMessage: String {
        switch self {
        case .spawnFailed: "its runtime could not be started on this server"
        case .notReady: "it did not answer in time while starting"
        case .exitedEarly: "it stopped while starting"
        case .invalidManifest: "its runtime package is broken"
        default: description
        }
    }

    public var description: String {
        switch self {
        case .invalidManifest(let why): "the runtime package's atrium-runtime.json is invalid: \(why)"
        case .spawnFailed(let why): "the runtime could not be started: \(why)"
        case .notReady(let why): "the runtime did not become ready: \(why)"
        case .exitedEarly(let exit, let tail): "the runtime stopped before it was ready (\(exit))" + (tail.isEmpty ? "" : ": \(tail)")
        case .limitReached(let why): why
        case .unlicensed(let why): why
        case .notFound(let what): "\(what) not found"
        case .invalidState(let why): why
        case .cannotLaunch(let why): why
        }
    }
}
