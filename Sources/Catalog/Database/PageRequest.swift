/// Where a paginated list starts and how long it is.
public struct PageRequest: Sendable, Hashable {
    public var limit: Int
    public var offset: Int

    public init(limit: Int = 50, offset: Int = 0) {
        self.limit = limit
        self.offset = offset
    }

    func validated() throws -> PageRequest {
        guard (1...1000).contains(limit) else { throw CatalogError.invalidArgument("page limit must be 1-1000") }
        guard offset >= 0 else { throw CatalogError.invalidArgument("page offset must not be negative") }
        return self
    }
}
