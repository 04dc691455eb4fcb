import Catalog
import Foundation
import Synchronization
import Testing
@testable import Sessions

@Suite struct CatalogRetryTests {
    struct Unreachable: Error {}

    @Test func retriesAnOutageUntilTheCatalogAnswers() async throws {
        let calls = Mutex(0)
        let value = try await CatalogRetry.run(for: 600) {
            let n = calls.withLock { $0 += 1; return $0 }
            if n == 1 { throw Unreachable() }
            if n == 2 { throw CatalogError.database("connection reset by peer") }
            return n
        }
        #expect(value == 3)
    }

    @Test func aCatalogAnswerIsNotRetried() async {
        let calls = Mutex(0)
        await #expect(throws: CatalogError.self) {
            try await CatalogRetry.run(for: 600) { () async throws -> Int in
                calls.withLock { $0 += 1 }
                throw CatalogError.conflict("no")
            }
        }
        #expect(calls.withLock { $0 } == 1)
    }

    @Test func givesUpAfterItsLimit() async {
        await #expect(throws: Unreachable.self) {
            try await CatalogRetry.run(for: 0.3) { () async throws -> Int in throw Unreachable() }
        }
    }
}
