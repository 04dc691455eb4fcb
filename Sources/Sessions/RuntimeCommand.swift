import Foundation

/// Turns a manifest argv into an executable path and arguments (docs/runtime.md): `${NAME}` is
/// replaced from the session environment; argv[0] with a `/` is relative to the package, a bare
/// name is searched in `searchPath`.
public struct RuntimeCommand: Sendable {
    public var searchPath: [String]

    public init(searchPath: [String]) {
        self.searchPath = searchPath
    }

    /// The default search path: the directory of the running executable, then the system's.
    public static var defaultSearchPath: [String] {
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "/").resolvingSymlinksInPath()
        return [executable.deletingLastPathComponent().path, "/usr/local/bin", "/usr/bin", "/bin"]
    }

    public func resolve(_ argv: [String], packageDirectory: String, environment: [String: String]) throws -> (String, [String]) {
        let arguments = argv.map { Self.substitute($0, environment) }
        guard let first = arguments.first, !first.isEmpty else { throw SessionError.invalidManifest("empty command") }
        let executable: String
        if first.contains("/") {
            executable = packageDirectory + "/" + first
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                throw SessionError.spawnFailed("\(first) is not an executable file of the package")
            }
        } else {
            guard let found = searchPath.map({ $0 + "/" + first }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw SessionError.spawnFailed("'\(first)' is not installed (searched \(searchPath.joined(separator: ":")))")
            }
            executable = found
        }
        return (executable, arguments)
    }

    static func substitute(_ text: String, _ environment: [String: String]) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                result += rest[start.lowerBound...]
                return result
            }
            let name = String(rest[start.upperBound..<end])
            result += environment[name] ?? ""
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
