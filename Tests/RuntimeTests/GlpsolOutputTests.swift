import Foundation
import Testing
@testable import atrium_runtime_mathprog

@Suite struct GlpsolOutputTests {
    @Test func columnNamesParse() throws {
        #expect(try GlpsolColumnName.parse("z") == GlpsolColumnName(variable: "z", key: []))
        #expect(try GlpsolColumnName.parse("x[Seattle,New-York]").key == [.string("Seattle"), .string("New-York")])
        #expect(try GlpsolColumnName.parse("x['O''Hare, IL',3]").key == [.string("O'Hare, IL"), .number(3)])
        #expect(try GlpsolColumnName.parse("y[1,-2.5,'1']").key == [.number(1), .number(-2.5), .string("1")])
        for bad in ["x[", "x[a", "x['a]", "x[a]b", "1x[a]", "x[,]", "x['a'b]", "x[ab...", ""] {
            #expect(throws: GlpsolOutputError.self, "\(bad)") { try GlpsolColumnName.parse(bad) }
        }
    }

    static let glp = """
        p lp min 2 2 2
        n p t
        n z cost
        n i 1 cost
        n j 1 x[a,'b c']
        n j 2 y
        e o f
        """

    @Test func basicSolutionReads() throws {
        let file = "c Status: OPTIMAL\ns bas 2 2 f f 12.5\ni 1 b 12.5 0\nj 1 b 2.5 0\nj 2 l 0 1\ne o f\n"
        let solution = try GlpsolOutput.solution(solutionFile: file, glp: Self.glp, log: "log")
        #expect(solution.status == .optimal)
        #expect(solution.objective == 12.5)
        #expect(solution.variables["x"] == [MathProgEntry(key: [.string("a"), .string("b c")], value: 2.5)])
        #expect(solution.variables["y"] == [MathProgEntry(key: [], value: 0)])
    }

    @Test func statusesMap() throws {
        #expect(GlpsolOutput.basicStatus(primal: "f", dual: "n") == .unbounded)
        #expect(GlpsolOutput.basicStatus(primal: "n", dual: "i") == .infeasible)
        #expect(GlpsolOutput.basicStatus(primal: "f", dual: "u") == .feasible)
        #expect(GlpsolOutput.basicStatus(primal: "u", dual: "u") == .undefined)
        #expect(GlpsolOutput.mipStatus("o") == .optimal)
        #expect(GlpsolOutput.mipStatus("f") == .feasible)
        #expect(GlpsolOutput.mipStatus("n") == .infeasible)
        let mip = try GlpsolOutput.solution(solutionFile: "s mip 2 2 u 0\nj 1 0\nj 2 1\n", glp: Self.glp,
                                            log: "PROBLEM HAS NO PRIMAL FEASIBLE SOLUTION")
        #expect(mip.status == .infeasible)
        #expect(mip.objective == nil)
        #expect(mip.variables["y"] == [MathProgEntry(key: [], value: 1)])
    }

    @Test func brokenSolutionsAreErrors() {
        #expect(throws: GlpsolOutputError.self) { try GlpsolOutput.solution(solutionFile: "j 1 b 1 0\n", glp: Self.glp, log: "") }
        #expect(throws: GlpsolOutputError.self) {
            try GlpsolOutput.solution(solutionFile: "s bas 2 2 f f 1\nj 7 b 1 0\n", glp: Self.glp, log: "")
        }
    }

    @Test func progressLinesAreRecognised() {
        #expect(GlpsolSolver.progress("*     5: obj =   1.536750000e+02 inf =   0.000e+00 (0)")?.hasPrefix("simplex iteration 5:") == true)
        #expect(GlpsolSolver.progress("+ 77810: mip =   1.000000000e+01 >=   0.000000000e+00 100.0% (7799; 8330)")?
            .hasPrefix("branch-and-bound iteration 77810:") == true)
        #expect(GlpsolSolver.progress("Generating cost...") == "Generating cost...")
        #expect(GlpsolSolver.progress("Reading model section from transp.mod...") == nil)
        #expect(GlpsolSolver.progress(" A: min|aij| =  1.000e+00") == nil)
    }
}
