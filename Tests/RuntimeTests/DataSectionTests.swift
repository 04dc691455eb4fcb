import Foundation
import Testing
@testable import atrium_runtime_mathprog

@Suite struct DataSectionTests {
    @Test func stringsAreQuotedWithQuotesDoubled() {
        #expect(MathProgSymbol.string("Seattle").dataLiteral == "'Seattle'")
        #expect(MathProgSymbol.string("a'; data; param x := 1").dataLiteral == "'a''; data; param x := 1'")
        #expect(MathProgSymbol.string("''").dataLiteral == "''''''")
        #expect(MathProgSymbol.number(3).dataLiteral == "3")
        #expect(MathProgSymbol.number(2.5).dataLiteral == "2.5")
    }

    @Test func caseBecomesADataSection() {
        let value = MathProgCase(
            sets: ["I": [.string("Seattle"), .string("San Diego")], "T": [.number(1), .number(2)]],
            params: ["a": MathProgParam(dims: ["I"], values: [MathProgEntry(key: [.string("San Diego")], value: 600)]),
                     "f": MathProgParam(dims: [], values: [MathProgEntry(key: [], value: 0.1)]),
                     "u": MathProgParam(dims: ["T"], values: [])])
        #expect(value.dataSection == """
            data;
            set I := 'Seattle' 'San Diego';
            set T := 1 2;
            param a :=
              'San Diego' 600;
            param f :=
              0.1;
            end;

            """)
    }

    @Test func editsAreValidated() throws {
        let value = try MathProgCase.decode(Data(contentsOf: URL(fileURLWithPath: RuntimeBinary.app("transport") + "/data.json")))
        #expect(throws: CaseError.unknownParam("zz")) { try value.validateEdit(param: "zz", key: [], value: 1) }
        #expect(throws: CaseError.self) { try value.validateEdit(param: "a", key: [.string("Paris")], value: 1) }
        #expect(throws: CaseError.self) { try value.validateEdit(param: "d", key: [.string("Seattle")], value: 1) }
        #expect(throws: CaseError.nonFinite(param: "a", key: #"["Seattle"]"#)) {
            try value.validateEdit(param: "a", key: [.string("Seattle")], value: .infinity)
        }
        try value.validateEdit(param: "d", key: [.string("Seattle"), .string("Topeka")], value: 3)
    }

    @Test func limitsAreEnforced() {
        var limits = CaseLimits()
        limits.maxMembersPerSet = 2
        let json = #"{"format":"atrium-mathprog/1","sets":{"I":["a","b","c"]},"params":{}}"#
        #expect(throws: CaseError.tooLarge("set 'I' has 3 members, at most 2")) { try MathProgCase.decode(Data(json.utf8), limits: limits) }
        let long = #"{"format":"atrium-mathprog/1","sets":{"I":["\#(String(repeating: "x", count: 101))"]},"params":{}}"#
        #expect(throws: CaseError.self) { try MathProgCase.decode(Data(long.utf8)) }
        let duplicate = #"{"format":"atrium-mathprog/1","sets":{"I":["a","a"]},"params":{}}"#
        #expect(throws: CaseError.duplicateMember(set: "I", member: "a")) { try MathProgCase.decode(Data(duplicate.utf8)) }
    }
}
