import Foundation

/// A case of a MathProg app (`atrium-mathprog/1`): the data section as JSON, and the solution
/// once solved. See docs/runtime.md.
struct MathProgCase: Sendable, Equatable, Codable {
    static let format = "atrium-mathprog/1"

    var format: String
    var sets: [String: [MathProgSymbol]]
    var params: [String: MathProgParam]
    var solution: MathProgSolution?

    init(sets: [String: [MathProgSymbol]], params: [String: MathProgParam], solution: MathProgSolution? = nil) {
        self.format = Self.format
        self.sets = sets
        self.params = params
        self.solution = solution
    }

    enum CodingKeys: String, CodingKey { case format, sets, params, solution }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(String.self, forKey: .format)
        sets = try container.decodeIfPresent([String: [MathProgSymbol]].self, forKey: .sets) ?? [:]
        params = try container.decodeIfPresent([String: MathProgParam].self, forKey: .params) ?? [:]
        solution = try container.decodeIfPresent(MathProgSolution.self, forKey: .solution)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(sets, forKey: .sets)
        try container.encode(params, forKey: .params)
        // `null` rather than absent, so a reader sees the field exists.
        if let solution { try container.encode(solution, forKey: .solution) } else { try container.encodeNil(forKey: .solution) }
    }
}
