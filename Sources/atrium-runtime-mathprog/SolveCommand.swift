import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// `solve`: an optimization session. Reads the input case (`ATRIUM_INPUT`) and the app's
/// `model.mod`, runs glpsol and writes the case with its solution to `ATRIUM_OUTPUT`.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "solve",
                                                    abstract: "Solve the input case with glpsol and write the output case.")

    func run() throws {
        let stop = SolveStop()
        stop.install()
        do {
            try solve(RuntimeEnvironment(), stop: stop)
        } catch let error as SolveError {
            Console.error("atrium-runtime-mathprog solve: \(error)")
            if case .terminated = error { throw ExitCode(143) }
            throw ExitCode(1)
        } catch {
            Console.error("atrium-runtime-mathprog solve: \(error)")
            throw ExitCode(1)
        }
    }

    func solve(_ environment: RuntimeEnvironment, stop: SolveStop) throws {
        let appDirectory = try environment.require("ATRIUM_APP_DIR")
        let inputPath = try environment.require("ATRIUM_INPUT")
        let outputPath = try environment.require("ATRIUM_OUTPUT")
        let workDirectory = environment.optional("ATRIUM_WORK_DIR") ?? environment.optional("TMPDIR") ?? "/tmp"
        let timeLimit = try Self.timeLimit(environment.optional("ATRIUM_TIMEOUT_SECONDS"))

        Console.progress("reading the case")
        let bytes: Data
        do { bytes = try Data(contentsOf: URL(fileURLWithPath: inputPath)) } catch {
            throw SolveError.cannotRead(inputPath, error.localizedDescription)
        }
        let input: MathProgCase
        do { input = try MathProgCase.decode(bytes) } catch { throw SolveError.invalidCase(error) }

        Console.progress("building data")
        let solver = GlpsolSolver(model: appDirectory + "/model.mod", workDirectory: workDirectory, timeLimit: timeLimit)
        let solution = try solver.solve(input, stop: stop)

        var output = input
        output.solution = solution
        try Self.writeAtomically(output, to: outputPath)
        if stop.isStopped { try? FileManager.default.removeItem(atPath: outputPath); throw SolveError.terminated }
        let objective = solution.objective.map { ", objective \(MathProgNumber.format($0))" } ?? ""
        Console.out("result: \(solution.status.rawValue)")
        Console.progress("done (\(solution.status.rawValue)\(objective))")
    }

    /// glpsol's `--tmlim`: a little under Atrium's limit, so glpsol can still write what it found.
    static func timeLimit(_ text: String?) throws -> Int? {
        guard let text else { return nil }
        guard let seconds = Int(text), seconds > 0 else {
            throw RuntimeEnvironment.Missing.invalid("ATRIUM_TIMEOUT_SECONDS", "'\(text.prefix(20))' is not a positive whole number")
        }
        return max(1, seconds - max(2, seconds / 10))
    }

    /// Writes next to the target and renames over it, so a reader never sees half a case.
    static func writeAtomically(_ output: MathProgCase, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let temporary = path + ".tmp-" + UUID().uuidString
        do {
            let data = try encoder.encode(output)
            try data.write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, path) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw SolveError.cannotWrite(path, "\(error)")
        }
    }
}
