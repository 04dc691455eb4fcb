import Foundation

/// Runs glpsol on a model and a case in a private temporary directory and reads the solution.
struct GlpsolSolver {
    var glpsol = "/usr/bin/glpsol"
    let model: String
    let workDirectory: String
    /// glpsol's `--tmlim`, in seconds.
    let timeLimit: Int?

    /// Keeps at most this much of glpsol's output in the solution's log (head and tail).
    static let maxLogBytes = 1 << 20

    func solve(_ input: MathProgCase, stop: SolveStop) throws(SolveError) -> MathProgSolution {
        let scratch = workDirectory + "/glpsol-" + UUID().uuidString
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch { throw .cannotWrite(scratch, "\(error)") }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let data = scratch + "/case.dat", glp = scratch + "/problem.glp", solution = scratch + "/solution.txt"
        do { try input.dataSection.write(toFile: data, atomically: false, encoding: .utf8) } catch {
            throw .cannotWrite(data, "\(error)")
        }
        var arguments = ["--math", model, "--data", data, "--nopresol", "--wglp", glp, "--write", solution]
        if let timeLimit { arguments += ["--tmlim", String(timeLimit)] }
        Console.progress("solving")
        let process: ChildProcess
        do { process = try ChildProcess(path: glpsol, arguments: arguments) } catch {
            throw .glpsolFailed(-1, "\(error)")
        }
        guard stop.started(process) else { throw .terminated }
        var log = GlpsolLog(limit: Self.maxLogBytes)
        let status = process.readLinesAndWait { line in
            log.append(line)
            if let progress = Self.progress(line) { Console.progress(progress) } else { Console.out(line) }
        }
        stop.finished()
        if stop.isStopped { throw .terminated }
        guard status == 0 else { throw .glpsolFailed(status, log.tail(lines: 20)) }
        guard let solutionText = try? String(contentsOfFile: solution, encoding: .utf8) else {
            throw .unreadableOutput(.missingFile("solution (--write)"))
        }
        guard let glpText = try? String(contentsOfFile: glp, encoding: .utf8) else {
            throw .unreadableOutput(.missingFile("problem (--wglp)"))
        }
        do { return try GlpsolOutput.solution(solutionFile: solutionText, glp: glpText, log: log.text) } catch {
            throw .unreadableOutput(error)
        }
    }

    /// The `progress:` text for a glpsol line worth showing, or nil for the rest.
    static func progress(_ line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("Generating ") || trimmed == "Model has been successfully generated"
            || trimmed.hasPrefix("Integer optimization begins") {
            return trimmed
        }
        // Simplex iterations ("*   5: obj = …", "    0: obj = …") and branch-and-bound ("+  123: mip = …").
        if let colon = trimmed.firstIndex(of: ":"), trimmed[colon...].hasPrefix(": obj =") || trimmed[colon...].hasPrefix(": mip =") {
            let counter = trimmed[..<colon].drop(while: { $0 == "*" || $0 == "+" || $0 == " " })
            if !counter.isEmpty, counter.allSatisfy(\.isNumber) {
                let kind = trimmed[colon...].hasPrefix(": mip =") ? "branch-and-bound" : "simplex"
                return "\(kind) iteration \(counter):" + trimmed[trimmed.index(after: colon)...].replacingOccurrences(of: "  ", with: " ")
            }
        }
        return nil
    }
}
