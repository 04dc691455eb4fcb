import Foundation

/// Runs blocking work (store reads, extraction, unsealing) on a thread of its own, so it never
/// holds a thread of Swift's cooperative pool or NIO's small blocking pool.
enum Blocking {
    static func run<T: Sendable>(_ name: String = "atrium-sessions", _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.name = name
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}
