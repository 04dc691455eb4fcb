import Foundation
import TestSupport

/// A fresh temporary directory, removed by ``remove()``.
struct TestDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/atrium-gateway-\(UUID().uuidString.lowercased())"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// A TCP port on 127.0.0.1 that is free now (``FreePort``).
    static func freePort() throws -> Int { try FreePort.next() }
}
