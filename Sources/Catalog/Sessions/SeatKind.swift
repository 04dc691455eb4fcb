/// Which license limit a seat counts against: concurrent data sessions or concurrent
/// optimization sessions (solves). Stored as its raw value in `seats.kind`.
public enum SeatKind: String, Sendable, Codable, CaseIterable {
    case data
    case solve

    /// How refusals name it: "data-session" / "optimization-session".
    var limitName: String {
        switch self {
        case .data: "data-session"
        case .solve: "optimization-session"
        }
    }
}
