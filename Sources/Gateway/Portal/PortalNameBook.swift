import Catalog

/// Looks up the names people know users, groups and cases by, for tables that hold ids (audit,
/// license seats), each id once per page. An id nobody has any more shows as itself.
struct PortalNameBook {
    let catalog: Catalog
    private var names: [String: String] = [:]

    init(_ catalog: Catalog) { self.catalog = catalog }

    mutating func user(_ id: String) async throws -> String {
        if id == "system" { return "system" }
        let catalog = self.catalog
        return try await cached("user:" + id) { try await catalog.user(id: id)?.name }
    }

    mutating func group(_ id: String) async throws -> String {
        let catalog = self.catalog
        return try await cached("group:" + id) { try await catalog.group(id: id)?.name }
    }

    mutating func caseName(_ id: String) async throws -> String {
        let catalog = self.catalog
        return try await cached("case:" + id) { try await catalog.caseRecord(id: id)?.name }
    }

    /// An audit target (`user:ID`, `group:ID`, `case:ID`, `app:NAME`, …) in words: "user alice".
    mutating func target(_ target: String) async throws -> String {
        guard let colon = target.firstIndex(of: ":") else { return target }
        let kind = String(target[..<colon]), id = String(target[target.index(after: colon)...])
        switch kind {
        case "user": return "user " + (try await user(id))
        case "group": return "group " + (try await group(id))
        case "case": return "case " + (try await caseName(id))
        default: return kind + " " + id
        }
    }

    private mutating func cached(_ key: String, _ lookup: () async throws -> String?) async throws -> String {
        if let known = names[key] { return known }
        let id = String(key[key.index(after: key.firstIndex(of: ":")!)...])
        let name = try await lookup() ?? id
        names[key] = name
        return name
    }
}
