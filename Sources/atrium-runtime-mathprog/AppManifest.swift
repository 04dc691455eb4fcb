import Foundation

/// An app's `app.json` (docs/runtime.md): its title and description for the portal, and for the
/// editor the descriptions and short labels of the model's names and the charts to draw.
struct AppManifest: Sendable, Decodable, Equatable {
    var title: String?
    var description: String?
    /// A sentence per set, param, variable or objective name (`"a": "Capacity of each plant, in cases"`).
    var descriptions: [String: String]?
    /// A short name for table headings and chart axes (`"I": "Plant"`).
    var labels: [String: String]?
    var charts: [AppChart]?

    /// Reads `app.json`; a missing or unreadable file is an empty manifest (the editor then uses
    /// the model's comments and names), and the reason is returned for the log.
    static func load(_ path: String) -> (AppManifest, problem: String?) {
        guard let data = FileManager.default.contents(atPath: path) else { return (AppManifest(), "cannot read \(path)") }
        do { return (try JSONDecoder().decode(AppManifest.self, from: data), nil) } catch {
            return (AppManifest(), "\(path) is not a usable app.json: \(error)")
        }
    }
}
