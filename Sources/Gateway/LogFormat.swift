/// How the server writes its log lines: human-readable text or one JSON object per line.
public enum LogFormat: String, Sendable, Codable, CaseIterable {
    case text
    case json
}
