import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Hands out the uid of one sandboxed session or job from `SandboxSettings.uidRange`: never 0,
/// never this process's own uid, and never one held by another session, of this process or of
/// another Atrium node on the same host. A uid is held by an exclusive `flock` on
/// `/run/atrium/uids/<uid>`, so the kernel releases it when its holder ends, however it ends.
public enum SandboxUIDs {
    /// Where the lock files live.
    static let directory = "/run/atrium/uids"

    /// A held uid; `release()` gives it back (also when dropped).
    public final class Lease: Sendable {
        public let uid: UInt32
        private let fd: Mutex<Int32>

        init(uid: UInt32, fd: Int32) {
            self.uid = uid
            self.fd = Mutex(fd)
        }

        public func release() {
            fd.withLock { fd in
                if fd >= 0 { close(fd) }
                fd = -1
            }
        }

        deinit { release() }
    }

    /// Takes a free uid of `range`, starting at a random one (so concurrent launches rarely try
    /// the same). Throws when all of them are held.
    public static func take(from range: ClosedRange<UInt32>) throws -> Lease {
        guard mkdir("/run/atrium", 0o700) == 0 || errno == EEXIST, mkdir(directory, 0o700) == 0 || errno == EEXIST else {
            throw SessionError.spawnFailed("cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        let own = getuid()
        let count = UInt64(range.upperBound - range.lowerBound) + 1
        let start = UInt64.random(in: 0..<count)
        for step in 0..<count {
            let uid = range.lowerBound + UInt32((start + step) % count)
            guard uid != 0, uid != own, uid != UInt32.max else { continue }
            let fd = open(directory + "/\(uid)", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard fd >= 0 else { continue }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return Lease(uid: uid, fd: fd) }
            close(fd)
        }
        throw SessionError.limitReached("every sandbox uid of \(range) is in use")
    }
}
