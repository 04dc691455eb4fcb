import Foundation

/// Whether the gateway can serve: each dependency is probed cheaply (no writes). Today that is the
/// store: its `STORE` marker must be readable and its blob directory listable. The catalog joins
/// when it lands.
///
/// The probes are plain system calls; on a hung SMB mount they block one thread for as long as the
/// kernel (or smbnetfs) takes to time out, which is what a readiness probe should report anyway.
public struct ReadinessCheck: Sendable {
    /// One dependency's state.
    public struct Part: Sendable, Equatable {
        public let name: String
        /// `nil` when ready, otherwise what is wrong, in words for an operator.
        public let failure: String?
    }

    public let storePath: String

    public init(storePath: String) {
        self.storePath = storePath
    }

    /// Probes every part.
    public func run() -> [Part] {
        [Part(name: "store", failure: storeFailure())]
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
