import Foundation

/// The session environment of the runtime contract (docs/runtime.md).
struct RuntimeEnvironment: Sendable {
    let values: [String: String]

    init(_ values: [String: String] = ProcessInfo.processInfo.environment) { self.values = values }

    enum Missing: Error, CustomStringConvertible {
        case variable(String)
        case invalid(String, String)
        var description: String {
            switch self {
            case .variable(let name): "The environment variable \(name) is not set (see docs/runtime.md)."
            case .invalid(let name, let why): "The environment variable \(name) is not usable: \(why)."
            }
        }
    }

    func require(_ name: String) throws -> String {
        guard let value = values[name], !value.isEmpty else { throw Missing.variable(name) }
        return value
    }

    func optional(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }
}
