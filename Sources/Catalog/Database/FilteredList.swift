import SQLKit

/// A list query, newest first, `limit` rows: `SELECT columns FROM table WHERE …` with one
/// condition for each filter given (a filter left out adds none). The job, seat, data session
/// and audit lists build their queries with it.
struct FilteredList {
    private let columns: String
    private let table: String
    private var conditions: SQLQueryString = "WHERE 1 = 1"

    init(_ columns: String, from table: String) {
        self.columns = columns
        self.table = table
    }

    /// Checks a list's `limit` (1-10,000 rows).
    static func check(limit: Int) throws {
        guard (1...10_000).contains(limit) else { throw CatalogError.invalidArgument("limit must be 1-10000") }
    }

    /// Adds `condition` (SQL with bound values).
    mutating func filter(_ condition: SQLQueryString) {
        conditions += " AND "
        conditions += condition
    }

    /// Adds `column = value` when `value` is given.
    mutating func filter(_ column: String, equals value: (any Encodable & Sendable)?) {
        guard let value else { return }
        filter("\(unsafeRaw: column) = \(bind: value)")
    }

    /// The query, its rows in `order` (SQL, such as `submitted_at DESC, id DESC`), `limit` of them.
    func query(orderBy order: String, limit: Int) -> SQLQueryString {
        "SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table) \(conditions) ORDER BY \(unsafeRaw: order) LIMIT \(bind: limit)"
    }
}
