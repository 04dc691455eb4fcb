import Foundation

/// Reads what glpsol left behind: the problem in GLPK format (`--wglp`, for column names), the
/// solution (`-w`, values by column number) and its terminal output (for the verdict when the
/// solution file leaves it undefined).
enum GlpsolOutput {
    /// Column number → name and whether the problem has an objective, from a `--wglp` file.
    static func columnNames(glp: String) -> (names: [Int: String], hasObjective: Bool) {
        var names: [Int: String] = [:]
        var hasObjective = false
        for line in glp.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("n z ") { hasObjective = true }
            guard line.hasPrefix("n j ") else { continue }
            let rest = line.dropFirst(4)
            guard let space = rest.firstIndex(of: " "), let number = Int(rest[..<space]) else { continue }
            names[number] = String(rest[rest.index(after: space)...])
        }
        return (names, hasObjective)
    }

    /// The solution from a `-w` file, the column names and the log.
    static func solution(solutionFile: String, glp: String, log: String) throws(GlpsolOutputError) -> MathProgSolution {
        let (names, hasObjective) = columnNames(glp: glp)
        var status: MathProgStatus?
        var objective: Double?
        var isMIP = false
        var variables: [String: [MathProgEntry]] = [:]
        for line in solutionFile.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let tag = fields.first else { continue }
            switch String(tag) {
            case "s":
                guard fields.count >= 5 else { throw .unreadableSolution(String(line)) }
                isMIP = fields[1] == "mip"
                if isMIP {
                    status = mipStatus(fields[4])
                } else if fields[1] == "bas", fields.count >= 7 {
                    status = basicStatus(primal: fields[4], dual: fields[5])
                } else {
                    status = .undefined
                }
                objective = MathProgNumber.parse(fields[fields.count - 1])
            case "j":
                let valueField = isMIP ? 2 : 3
                guard fields.count > valueField, let column = Int(fields[1]), let value = MathProgNumber.parse(fields[valueField]) else {
                    throw .unreadableSolution(String(line))
                }
                guard let name = names[column] else { throw .unreadableSolution(String(line)) }
                let parsed = try GlpsolColumnName.parse(name)
                variables[parsed.variable, default: []].append(MathProgEntry(key: parsed.key, value: value))
            default:
                continue
            }
        }
        guard var verdict = status else { throw .missingFile("solution status") }
        if verdict == .undefined { verdict = verdictFromLog(log) ?? .undefined }
        let known = verdict == .optimal || verdict == .feasible
        return MathProgSolution(status: verdict, objective: hasObjective && known ? objective : nil,
                                variables: variables, log: log)
    }

    static func mipStatus<S: StringProtocol>(_ code: S) -> MathProgStatus {
        switch String(code) {
        case "o": .optimal
        case "f": .feasible
        case "n": .infeasible
        default: .undefined
        }
    }

    /// A basic solution's verdict from its primal and dual status (`f` feasible, `n` no feasible
    /// solution exists, `i` infeasible, `u` undefined).
    static func basicStatus<S: StringProtocol>(primal: S, dual: S) -> MathProgStatus {
        switch (String(primal), String(dual)) {
        case ("f", "f"): .optimal
        case ("f", "n"): .unbounded
        case ("n", _): .infeasible
        case ("f", _): .feasible
        default: .undefined
        }
    }

    /// glpsol's own words, for when the solution file leaves the status undefined (e.g. the
    /// presolver or the MIP relaxation gave up early).
    static func verdictFromLog(_ log: String) -> MathProgStatus? {
        if log.contains("HAS NO PRIMAL FEASIBLE SOLUTION") || log.contains("HAS NO INTEGER FEASIBLE SOLUTION")
            || log.contains("HAS NO FEASIBLE SOLUTION") {
            return .infeasible
        }
        if log.contains("UNBOUNDED") { return .unbounded }
        return nil
    }
}
