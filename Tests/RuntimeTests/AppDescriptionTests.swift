import Foundation
import Testing
@testable import atrium_runtime_mathprog

/// The editor's names: the model's comments, overridden by app.json; the portal's path.
@Suite struct AppDescriptionTests {
    @Test func modelCommentsDescribeDeclarations() {
        let model = """
            /* A header comment, separated by a blank line. */

            set I;
            /* canning plants */

            # markets, in a line comment
            set J;

            param a{i in I}; /* capacity of plant i
                                in cases */
            param note symbolic := "a ; # /* not a comment";
            param b{j in J};

            param c{i in I, j in J} := 2;

            # one
            # comment on two lines
            var x{i in I, j in J} >= 0;

            s.t. supply{i in I}: sum{j in J} x[i,j] <= a[i];
            /* a constraint's comment is not the next declaration's */
            var y;
            maximize profit: sum{i in I, j in J} c[i,j] * x[i,j];
            /* total profit */
            end;
            """
        let declarations = ModelDeclarations(model: model)
        let comments = declarations.comments
        #expect(comments["I"] == "canning plants")
        #expect(comments["J"] == "markets, in a line comment")
        #expect(comments["a"] == "capacity of plant i in cases")
        #expect(comments["note"] == nil)
        #expect(comments["b"] == nil)
        #expect(comments["c"] == nil, "the blank line separates c from x's comment")
        #expect(comments["x"] == "one comment on two lines")
        #expect(comments["profit"] == "total profit")
        #expect(comments["supply"] == nil)
        #expect(comments["y"] == nil)
        #expect(declarations.objective?.name == "profit")
        #expect(declarations.objective?.kind == "maximize")
        #expect(declarations.declarations.map(\.name) == ["I", "J", "a", "note", "b", "c", "x", "y", "profit"])
    }

    @Test func appJSONDescriptionsComeFirst() throws {
        let (app, problems) = EditorApp.load(appDirectory: RuntimeBinary.app("transport"), name: "transport", version: "3",
                                             basePath: "/s/abc/")
        #expect(problems.isEmpty)
        #expect(app.title == "Transport")
        #expect(app.version == "3")
        #expect(app.descriptions["a"] == "The most cases each plant can ship.")
        #expect(app.labels["I"] == "Plant")
        #expect(app.objective == "cost")
        #expect(app.sense == "minimize")
        #expect(app.charts == [AppChart(variable: "x", title: "Shipments per route", unit: "cases")])
        #expect(app.portal == "/")
    }

    @Test func withoutAppJSONTheModelSpeaks() throws {
        let directory = try RuntimeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: RuntimeBinary.app("transport") + "/model.mod", toPath: directory + "/model.mod")
        let (app, problems) = EditorApp.load(appDirectory: directory, name: "transport", version: nil, basePath: nil)
        #expect(problems.count == 1, "app.json is missing: \(problems)")
        #expect(app.title == "transport")
        #expect(app.descriptions["a"] == "capacity of plant i in cases")
        #expect(app.descriptions["x"] == "shipment quantities in cases")
        #expect(app.charts.isEmpty)
    }

    /// Every set and param of the demo apps' default data has a description, and so has every variable.
    @Test(arguments: ["transport", "infeasible", "long-running"])
    func demoAppsDescribeEveryName(app name: String) throws {
        let directory = RuntimeBinary.app(name)
        let (app, problems) = EditorApp.load(appDirectory: directory, name: name, version: nil, basePath: nil)
        #expect(problems.isEmpty)
        let data = try MathProgCase.decode(Data(contentsOf: URL(fileURLWithPath: directory + "/data.json")))
        let model = ModelDeclarations(model: try String(contentsOfFile: directory + "/model.mod", encoding: .utf8))
        let names = Array(data.sets.keys) + Array(data.params.keys) + model.declarations.filter { $0.kind == "var" }.map(\.name)
        for name in names { #expect(app.descriptions[name]?.isEmpty == false, "\(name) has no description") }
        #expect(app.objective.flatMap { app.descriptions[$0] } != nil)
    }

    @Test func portalIsTheBasePathWithoutTheSession() {
        #expect(EditorApp.portalPath(basePath: "/s/9f2c/") == "/")
        #expect(EditorApp.portalPath(basePath: "/atrium/s/9f2c/") == "/atrium/")
        #expect(EditorApp.portalPath(basePath: "/elsewhere/") == "/")
        #expect(EditorApp.portalPath(basePath: nil) == "/")
    }
}
