import Foundation

/// The result `solve` adds to a case.
struct MathProgSolution: Sendable, Equatable, Codable {
    var status: MathProgStatus
    /// The objective's value; nil when the model has none.
    var objective: Double?
    /// Each variable's values by index tuple (`x` → `[[["Seattle","New-York"], 50], …]`).
    var variables: [String: [MathProgEntry]]
    /// glpsol's output.
    var log: String

    enum CodingKeys: String, CodingKey { case status, objective, variables, log }

    /// `objective` is written as `null` when there is none, so readers find every field.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        if let objective { try container.encode(objective, forKey: .objective) } else { try container.encodeNil(forKey: .objective) }
        try container.encode(variables, forKey: .variables)
        try container.encode(log, forKey: .log)
    }
}
