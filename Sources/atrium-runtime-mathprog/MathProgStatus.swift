import Foundation

/// What glpsol concluded about the problem.
enum MathProgStatus: String, Sendable, Codable {
    case optimal, feasible, infeasible, unbounded, undefined
}
