#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs system calls with the store's error discipline: EINTR is retried at once, EBUSY/EAGAIN
/// with backoff up to the policy's limit, anything else becomes a typed `StoreError.io`.
struct POSIXCalls: Sendable {
    let retry: RetryPolicy
    let faults: FaultInjector

    /// `body` returns a negative value and leaves errno set on failure. Errnos in `accept` are
    /// returned (negated) instead of thrown, so callers can branch on them.
    @discardableResult
    func call<T: BinaryInteger>(_ operation: String, _ path: String, accept: Set<Int32> = [], _ body: () -> T) throws -> T {
        var busyAttempts = 0
        var interrupts = 0
        while true {
            let result: T
            let err: Int32
            if let injected = faults.fault(operation, path) {
                result = -1
                err = injected
            } else {
                result = body()
                err = result < 0 ? errno : 0
            }
            if result >= 0 { return result }
            if accept.contains(err) { return T(-Int(err)) }
            switch err {
            case EINTR:
                interrupts += 1
                if interrupts > 1000 { throw StoreError.io(operation: operation, path: path, errno: err) }
            case EBUSY, EAGAIN, ETXTBSY:
                busyAttempts += 1
                if busyAttempts >= retry.maxAttempts {
                    throw StoreError.busy(operation: operation, path: path, attempts: busyAttempts)
                }
                pause(busyAttempts - 1)
            default:
                throw StoreError.io(operation: operation, path: path, errno: err)
            }
        }
    }

    /// Sleeps the policy's backoff for the given (0-based) attempt.
    func pause(_ attempt: Int) {
        let ns = retry.delay(forAttempt: attempt)
        guard ns > 0 else { return }
        var ts = timespec(tv_sec: Int(ns / 1_000_000_000), tv_nsec: Int(ns % 1_000_000_000))
        _ = nanosleep(&ts, nil)
    }

    /// Writes all of `bytes`, continuing after short writes.
    func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = try call("write", path) { write(fd, bytes.baseAddress! + offset, bytes.count - offset) }
            if n == 0 { throw StoreError.io(operation: "write", path: path, errno: EIO) }
            offset += n
        }
    }

    /// fsync of a directory: SMB and FUSE often answer EINVAL/ENOTSUP/EBADF, which is not an error here.
    func syncDirectory(_ path: String) throws {
        let fd = try call("open", path, accept: [EACCES, EPERM]) { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = try call("fsync", path, accept: [EINVAL, ENOTSUP, EBADF, EOPNOTSUPP, EROFS, ENOSYS, EACCES, EPERM]) { fsync(fd) }
    }

    /// mkdir -p, each new directory owner-only (0700); an existing directory is success.
    func makeDirectories(_ path: String) throws {
        var built = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            built += "/" + component
            let r = try call("mkdir", built, accept: [EEXIST]) { mkdir(built, OwnerOnly.directoryMode) }
            _ = r
        }
    }
}
