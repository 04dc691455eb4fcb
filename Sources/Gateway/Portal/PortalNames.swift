/// The catalog's naming rules (``Catalog/CatalogName``) said in words for form errors, instead
/// of the regular expressions the catalog reports.
enum PortalNames {
    /// Apps, packages and versions.
    static func objectRule(_ what: String) -> String {
        "\(what) may have up to 128 characters: lower-case letters a–z, digits, and . _ + - after the first, which must be a letter or digit."
    }

    /// Users and groups.
    static func accountRule(_ what: String) -> String {
        "\(what) may have up to 64 characters: lower-case letters a–z, digits, and . _ - after the first, which must be a letter or digit."
    }

    /// Titles, display names, case and token names.
    static func labelRule(_ what: String) -> String {
        "\(what) must have 1 to 256 characters and no control characters (such as line breaks)."
    }
}
