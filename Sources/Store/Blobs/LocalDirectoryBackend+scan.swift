import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension LocalDirectoryBackend {
    /// Walks `blobs/sha256/xx/yy/` and `tmp/`. A file whose name is not a digest, or that sits in
    /// the wrong fan-out directory, is a stray.
    public func scan() throws -> StoreScan {
        var result = StoreScan()
        let blobsRoot = "blobs/sha256"
        for first in try entries(blobsRoot) {
            let firstPath = blobsRoot + "/" + first
            guard try isDirectory(firstPath) else { try addStray(firstPath, to: &result); continue }
            for second in try entries(firstPath) {
                let secondPath = firstPath + "/" + second
                guard try isDirectory(secondPath) else { try addStray(secondPath, to: &result); continue }
                for name in try entries(secondPath) {
                    let relative = secondPath + "/" + name
                    guard let st = try statFile(path(relative)) else { continue }  // deleted meanwhile
                    if let d = BlobDigest(hex: name), d.relativePath == relative, (st.st_mode & S_IFMT) == S_IFREG {
                        result.blobs.append(BlobInfo(digest: d, size: Int64(st.st_size), modified: st.modified))
                    } else {
                        result.strays.append(.init(path: relative, size: Int64(st.st_size), modified: st.modified))
                    }
                }
            }
        }
        for name in try entries("tmp") {
            guard let st = try statFile(path("tmp/" + name)) else { continue }
            result.temporaries.append(.init(path: "tmp/" + name, size: Int64(st.st_size), modified: st.modified))
        }
        result.blobs.sort { $0.digest < $1.digest }
        return result
    }

    private func addStray(_ relative: String, to result: inout StoreScan) throws {
        guard let st = try statFile(path(relative)) else { return }
        result.strays.append(.init(path: relative, size: Int64(st.st_size), modified: st.modified))
    }

    private func isDirectory(_ relative: String) throws -> Bool {
        guard let st = try statFile(path(relative)) else { return false }
        return (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Names in a directory, without `.` and `..`; a missing directory is empty.
    func entries(_ relative: String) throws -> [String] {
        let p = path(relative)
        var dir: OpaquePointer?
        _ = try calls.call("opendir", p, accept: [ENOENT, ENOTDIR]) { () -> Int32 in
            dir = opendir(p)
            return dir == nil ? -1 : 0
        }
        guard let dir else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { throw StoreError.io(operation: "readdir", path: p, errno: errno) }
                break
            }
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
