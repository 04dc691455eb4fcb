/// A hook for tests: before each system call the store asks it whether to fail that call with an
/// errno instead. Production code uses `.none`. This is how the conformance suite proves that
/// EBUSY and EINTR are retried on a real file system.
public struct FaultInjector: Sendable {
    let decide: (@Sendable (_ operation: String, _ path: String) -> Int32?)?

    public init(_ decide: @escaping @Sendable (_ operation: String, _ path: String) -> Int32?) {
        self.decide = decide
    }

    private init() { self.decide = nil }

    public static let none = FaultInjector()

    func fault(_ operation: String, _ path: String) -> Int32? { decide?(operation, path) }
}
