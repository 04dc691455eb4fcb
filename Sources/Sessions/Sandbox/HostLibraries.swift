import Foundation
import Synchronization

/// The directories outside the system's of the shared libraries a host program links (the
/// reference runtime links the Swift toolchain's, under /opt/swift): bound read-only at the same
/// paths inside the sandbox so its RUNPATH finds them. Asked of `ldd` once per program; only
/// for Atrium's own programs (a runtime package's executables live in the runtime directory and
/// are never given to ldd, which may run the program's loader).
enum HostLibraries {
    private static let known = Mutex<[String: [String]]>([:])

    static func directories(of program: String) -> [String] {
        if let found = known.withLock({ $0[program] }) { return found }
        let directories = ask(program)
        known.withLock { $0[program] = directories }
        return directories
    }

    /// bwrap's arguments that bind `directories(of: program)` read-only at their own paths, their
    /// parents made first as 0755: bwrap would make missing parents 0700, root's, and the
    /// session's uid could not reach the libraries through them.
    static func bindArguments(of program: String) -> [String] {
        var arguments: [String] = []
        var made: Set<String> = []
        for directory in directories(of: program) {
            var parents: [String] = []
            var parent = (directory as NSString).deletingLastPathComponent
            while parent != "/", !parent.isEmpty, !made.contains(parent) {
                parents.insert(parent, at: 0)
                parent = (parent as NSString).deletingLastPathComponent
            }
            for parent in parents {
                arguments += ["--perms", "0755", "--dir", parent]
                made.insert(parent)
            }
            arguments += ["--ro-bind", directory, directory]
        }
        return arguments
    }

    private static func ask(_ program: String) -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        process.arguments = [program]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [] }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var directories: [String] = []
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            guard let arrow = line.range(of: "=> /") else { continue }
            let rest = line[line.index(before: arrow.upperBound)...]
            let path = String(rest.split(separator: " ").first ?? "")
            let directory = (path as NSString).deletingLastPathComponent
            guard !directory.isEmpty, !Sandbox.isSystemPath(directory + "/"), !directories.contains(directory) else { continue }
            directories.append(directory)
        }
        return directories
    }
}
