import HTTPTypes
import NIOCore

/// One route of the authorization matrix: how to call it and what each caller must get.
struct MatrixRow: Sendable, CustomStringConvertible {
    let operationId: String
    /// `[anonymous, user, other, publisher, admin]`.
    let expected: [MatrixOutcome]
    /// A JSON body for the caller (nil: none).
    var json: (@Sendable (MatrixCaller, MatrixFixtures) -> [String: Any])?
    /// A raw body (uploads).
    var bytes: (@Sendable (MatrixFixtures) -> ByteBuffer)?
    /// Extra query string appended to the path.
    var query: (@Sendable (MatrixFixtures) -> String)?

    init(_ operationId: String, _ expected: [MatrixOutcome],
         json: (@Sendable (MatrixCaller, MatrixFixtures) -> [String: Any])? = nil,
         bytes: (@Sendable (MatrixFixtures) -> ByteBuffer)? = nil,
         query: (@Sendable (MatrixFixtures) -> String)? = nil) {
        precondition(expected.count == MatrixCaller.allCases.count)
        self.operationId = operationId
        self.expected = expected
        self.json = json
        self.bytes = bytes
        self.query = query
    }

    func expectation(for caller: MatrixCaller) -> MatrixOutcome {
        expected[MatrixCaller.allCases.firstIndex(of: caller)!]
    }

    var description: String { operationId }
}
