import ArgumentParser
import Foundation

/// Dates on the command line: ISO 8601 (`2027-01-31T00:00:00Z`) or a plain day (`2027-01-31`, UTC).
struct DateArgument: ExpressibleByArgument, Sendable {
    let date: Date

    init?(argument: String) {
        let full = ISO8601DateFormatter()
        if let d = full.date(from: argument) { date = d; return }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        guard let d = day.date(from: argument) else { return nil }
        date = d
    }
}
