#if canImport(Glibc)
import Glibc
#endif

/// Files at rest are their owner's alone: DATA, the store, keys, TLS material and the catalog are
/// made with directories 0700 and files 0600, the mode given at creation (`mkdir`, `open` with
/// `O_CREAT|O_EXCL`), never left to the process umask or set after the fact.
public enum OwnerOnly {
    public static let directoryMode: mode_t = 0o700
    public static let fileMode: mode_t = 0o600

    /// `mkdir -p`: every directory it makes is 0700; existing ones are left as they are.
    public static func makeDirectories(_ path: String) throws {
        try POSIXCalls(retry: .default, faults: .none).makeDirectories(path)
    }

    /// Takes the group's and others' permission bits off an existing directory (following a
    /// symbolic link to it). Returns its mode before when it changed, nil when it was owner-only.
    @discardableResult
    public static func tighten(directory path: String) throws -> mode_t? {
        var st = stat()
        guard stat(path, &st) == 0 else { throw StoreError.io(operation: "stat", path: path, errno: errno) }
        guard st.st_mode & S_IFMT == S_IFDIR else { throw StoreError.io(operation: "stat", path: path, errno: ENOTDIR) }
        let mode = st.st_mode & 0o7777
        guard mode & 0o077 != 0 else { return nil }
        guard chmod(path, mode & 0o700) == 0 else { throw StoreError.io(operation: "chmod", path: path, errno: errno) }
        return mode
    }

    /// Creates `path` (it must not exist) with mode 0600, writes `contents`, fsyncs and closes it.
    public static func createFile(at path: String, contents: [UInt8]) throws {
        try FileSink.createFile(at: path, contents: contents, mode: fileMode)
    }
}
