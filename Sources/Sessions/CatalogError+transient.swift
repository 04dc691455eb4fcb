import Catalog

extension CatalogError {
    /// A failure of the database rather than an answer of the catalog.
    var isTransient: Bool {
        if case .database = self { return true }
        return false
    }
}
