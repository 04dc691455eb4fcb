import Foundation

/// The sandbox's /etc/passwd and /etc/group: root and the session's uid ("atrium", home
/// /atrium/work), so programs that look their user up find one. Written into `S/etc` (root-only
/// on the host, bound read-only inside).
public struct SandboxEtc: Sendable, Hashable {
    public let passwd: String
    public let group: String

    /// Writes both files for `uid` into `directory` (created 0755, files 0644).
    public static func write(uid: UInt32, into directory: String) throws -> SandboxEtc {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        let etc = SandboxEtc(passwd: directory + "/passwd", group: directory + "/group")
        let passwd = "root:x:0:0:root:/:/usr/sbin/nologin\natrium:x:\(uid):\(uid):Atrium session:\(SandboxView.work):/usr/sbin/nologin\n"
        let group = "root:x:0:\natrium:x:\(uid):\n"
        try Data(passwd.utf8).write(to: URL(fileURLWithPath: etc.passwd))
        try Data(group.utf8).write(to: URL(fileURLWithPath: etc.group))
        for file in [etc.passwd, etc.group] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        }
        return etc
    }
}
