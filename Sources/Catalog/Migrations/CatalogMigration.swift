/// One numbered step of the schema. Migrations are applied in order, each in its own
/// transaction together with its `schema_migrations` row, and never edited once released:
/// a change to the schema is a new migration at the end of `CatalogMigration.all`.
///
/// The SQL is written once for both databases: TEXT, BIGINT, composite keys, foreign keys and
/// plain indexes only.
public struct CatalogMigration: Sendable, Hashable {
    public let number: Int
    public let name: String
    public let statements: [String]

    public init(number: Int, name: String, statements: [String]) {
        self.number = number
        self.name = name
        self.statements = statements
    }

    /// The bookkeeping table, created before any numbered migration runs.
    static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            number BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at BIGINT NOT NULL
        )
        """
}
