import Foundation
import Sessions
import Testing

/// A session's or job's log is its owner's alone: made 0600, made 0600 also when a file with
/// another mode was left at its path, and never written through a symbolic link.
@Suite struct SessionLogModeTests {
    static func mode(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & 0o7777 : nil
    }

    @Test func aLogIsOwnerOnly() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/new.log"
        let log = try SessionLog(path: path)
        log.note("started")
        log.finish()
        #expect(Self.mode(path) == 0o600)
        #expect(log.contents().contains("[atrium] started"))

        let left = dir.path + "/left.log"
        #expect(FileManager.default.createFile(atPath: left, contents: Data("old secret\n".utf8), attributes: [.posixPermissions: 0o666]))
        #expect(Self.mode(left) == 0o666)
        let reused = try SessionLog(path: left)
        reused.finish()
        #expect(Self.mode(left) == 0o600)
        #expect(!reused.contents().contains("old secret"), "truncated")
    }

    @Test func aSymbolicLinkAtTheLogsPathIsRefused() throws {
        let dir = try TemporaryDirectory()
        let target = dir.path + "/elsewhere"
        #expect(FileManager.default.createFile(atPath: target, contents: Data("keep\n".utf8), attributes: [.posixPermissions: 0o644]))
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/job.log", withDestinationPath: target)
        #expect(throws: SessionError.self) { try SessionLog(path: dir.path + "/job.log") }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep\n")
        #expect(Self.mode(target) == 0o644)
    }
}
