/// `POST /sessions`: which app to launch.
struct SessionLaunch: Decodable {
    let app: String
    /// Default: the app's latest version.
    let version: String?
    /// A case the runtime opens at start.
    let `case`: String?

    static let schema: JSONValue = .objectSchema([
        "app": ["type": "string", "minLength": 1, "maxLength": 128],
        "version": ["type": "string", "minLength": 1, "maxLength": 128],
        "case": ["type": "string", "minLength": 1, "maxLength": 64],
    ], optional: ["version", "case"])
}
