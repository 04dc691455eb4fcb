import Foundation

/// Paths the tests need: the package root, fresh temp directories, the built `atrium` binary.
enum TestPaths {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A new empty directory under the system temp dir (or under `base`).
    static func freshDirectory(_ label: String, base: String = NSTemporaryDirectory()) throws -> String {
        let path = (base as NSString).appendingPathComponent("atrium-\(label)-\(UUID().uuidString.prefix(8).lowercased())")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The `atrium` executable built by `swift build` (scripts/test builds it before testing).
    static var atriumBinary: String {
        if let env = ProcessInfo.processInfo.environment["ATRIUM_BIN"] { return env }
        return packageRoot + "/.build/debug/atrium"
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
