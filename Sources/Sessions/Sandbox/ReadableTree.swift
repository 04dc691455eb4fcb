import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Makes a root-owned tree readable by a sandbox's uid: directories 0755, files 0644 (0755 when
/// executable by anyone). Symbolic links are left alone and never followed. The extracted
/// runtimes are shared by sessions and never change once extracted: each is walked once.
enum ReadableTree {
    private static let runtimesDone = Mutex<Set<String>>([])

    /// `path` and everything under it.
    static func make(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw SessionError.spawnFailed("\(path): \(String(cString: strerror(errno)))") }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            if info.st_mode & 0o7777 != 0o755, chmod(path, 0o755) != 0 { throw failure(path) }
            let names = try FileManager.default.contentsOfDirectory(atPath: path)
            for name in names { try make(path + "/" + name) }
        } else if type == S_IFREG {
            let mode: mode_t = info.st_mode & 0o111 != 0 ? 0o755 : 0o644
            if info.st_mode & 0o7777 != mode, chmod(path, mode) != 0 { throw failure(path) }
        }
    }

    /// A runtime directory, once per process.
    static func makeRuntime(_ path: String) throws {
        if runtimesDone.withLock({ $0.contains(path) }) { return }
        try make(path)
        runtimesDone.withLock { _ = $0.insert(path) }
    }

    private static func failure(_ path: String) -> SessionError {
        .spawnFailed("chmod \(path): \(String(cString: strerror(errno)))")
    }
}
