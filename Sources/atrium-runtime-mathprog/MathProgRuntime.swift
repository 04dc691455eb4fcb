import ArgumentParser

@main
struct MathProgRuntime: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "atrium-runtime-mathprog",
                                                    abstract: "Atrium's reference runtime: GLPK MathProg apps.",
                                                    subcommands: [ServeCommand.self, SolveCommand.self])
}
