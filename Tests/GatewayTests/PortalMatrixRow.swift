import HTTPTypes

/// One portal page or form of the authorization matrix: how to call it and what each caller must
/// get. Anonymous callers are sent to `/logon` (``PortalMatrixOutcome/logOn``); the other
/// outcomes are the API matrix's (``MatrixOutcome``).
struct PortalMatrixRow: Sendable, CustomStringConvertible {
    let method: HTTPRequest.Method
    /// The Hummingbird path as registered (`/apps/:app`).
    let path: String
    /// `[user, other, publisher, admin]`; anonymous always goes to `/logon`.
    let expected: [MatrixOutcome]
    /// Form fields for the caller (POST).
    var fields: (@Sendable (MatrixCaller, MatrixFixtures) -> [String: String])?
    /// A query string appended to the path.
    var query: String?
    /// What this row is about when one route has several rows (a hidden version).
    var variant: String?

    init(_ method: HTTPRequest.Method, _ path: String, _ expected: [MatrixOutcome], query: String? = nil, variant: String? = nil,
         fields: (@Sendable (MatrixCaller, MatrixFixtures) -> [String: String])? = nil) {
        precondition(expected.count == MatrixCaller.allCases.count - 1)
        self.method = method
        self.path = path
        self.expected = expected
        self.fields = fields
        self.query = query
        self.variant = variant
    }

    /// The expectation for a logged-on caller.
    func expectation(for caller: MatrixCaller) -> MatrixOutcome {
        expected[MatrixCaller.allCases.firstIndex(of: caller)! - 1]
    }

    var route: String { "\(method) \(path)" }
    var description: String { variant.map { "\(route) (\($0))" } ?? route }
}
