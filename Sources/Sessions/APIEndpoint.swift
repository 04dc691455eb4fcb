import Synchronization

/// The gateway's API URL as runtimes reach it. Known for sure only once the server is bound
/// (a configured port of 0 picks one), so it is set again then.
public final class APIEndpoint: Sendable {
    private let value: Mutex<String>

    public init(_ url: String) {
        value = Mutex(url)
    }

    public var url: String { value.withLock { $0 } }

    public func set(_ url: String) {
        value.withLock { $0 = url }
    }
}
