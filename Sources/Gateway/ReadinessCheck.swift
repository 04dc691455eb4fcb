import Foundation

/// Whether the gateway can serve: each dependency is probed cheaply (no writes): the store (its
/// `STORE` marker readable, its blob directory listable) and the database (one query); and the
/// sandbox as found at start: `on`, `off` (ready, but said: an admin turned it off) or
/// unavailable (not ready: sessions and solves are refused).
///
/// The probes are plain system calls; on a hung SMB mount they block one thread for as long as the
/// kernel (or smbnetfs) takes to time out, which is what a readiness probe should report anyway.
public struct ReadinessCheck: Sendable {
    /// One dependency's state.
    public struct Part: Sendable, Equatable {
        public let name: String
        /// `nil` when ready, otherwise what is wrong, in words for an operator.
        public let failure: String?
        /// What a ready answer says of it: `ok`, or the sandbox's `on` / `off`.
        public var state = "ok"

        public init(name: String, failure: String?, state: String = "ok") {
            self.name = name
            self.failure = failure
            self.state = state
        }
    }

    public let storePath: String
    /// Probes the database; throws when it is unreachable.
    public let databaseProbe: (@Sendable () async throws -> Void)?
    /// The sandbox as found at start; nil: not reported.
    public let sandbox: SandboxStatus?

    public init(storePath: String, sandbox: SandboxStatus? = nil, databaseProbe: (@Sendable () async throws -> Void)? = nil) {
        self.storePath = storePath
        self.sandbox = sandbox
        self.databaseProbe = databaseProbe
    }

    /// Probes every part.
    public func run() async -> [Part] {
        var parts = [Part(name: "store", failure: storeFailure())]
        if let databaseProbe {
            do {
                try await databaseProbe()
                parts.append(Part(name: "database", failure: nil))
            } catch {
                parts.append(Part(name: "database", failure: "the database does not answer (\(error))"))
            }
        }
        if let sandbox {
            if case .unavailable(let reason) = sandbox {
                parts.append(Part(name: "sandbox", failure: "no sandbox can be made, so sessions and solves are refused (\(reason))"))
            } else {
                parts.append(Part(name: "sandbox", failure: nil, state: sandbox.word))
            }
        }
        return parts
    }

    func storeFailure() -> String? {
        let marker = storePath + "/STORE"
        let fd = open(marker, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "the store marker is not readable (\(String(cString: strerror(errno))))" }
        var byte: UInt8 = 0
        let n = read(fd, &byte, 1)
        close(fd)
        guard n == 1 else { return "the store marker is empty or unreadable" }
        guard let dir = opendir(storePath + "/blobs/sha256") else {
            return "the store's blob directory is not listable (\(String(cString: strerror(errno))))"
        }
        closedir(dir)
        return nil
    }
}
