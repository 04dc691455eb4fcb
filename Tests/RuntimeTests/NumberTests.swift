import Foundation
import Testing
@testable import atrium_runtime_mathprog

/// Typed numbers are read strictly: decimal only, finite, with a reason when refused.
@Suite struct NumberTests {
    @Test(arguments: [("350", 350.0), ("2.5", 2.5), (" -7 ", -7.0), ("+.5", 0.5), ("1e6", 1e6), ("1E-3", 0.001),
                      ("5.", 5.0), ("1.7976931348623157e308", 1.7976931348623157e308)])
    func decimalsAreRead(text: String, value: Double) throws {
        #expect(try MathProgNumber.read(text) == value)
    }

    @Test(arguments: ["0x10", "0X1F", "0b101", "1_000", "1,5", "nan", "NaN", "inf", "-infinity", "Infinity", "1e", "e5", ".",
                      "--1", "1e+", "12abc", "0x1p3", "½"])
    func nonDecimalsAreRefused(text: String) {
        #expect(throws: MathProgNumberError.notANumber(text)) { try MathProgNumber.read(text) }
        #expect(MathProgNumber.parse(text) == nil)
    }

    @Test func overflowIsRefusedAsTooLarge() {
        #expect(throws: MathProgNumberError.tooLarge("1e309")) { try MathProgNumber.read("1e309") }
        #expect(throws: MathProgNumberError.tooLarge("-2e308")) { try MathProgNumber.read("-2e308") }
        #expect(MathProgNumber.parse("1e309") == nil)
        #expect(throws: MathProgNumberError.empty) { try MathProgNumber.read("  ") }
    }

    @Test func messagesSayWhatToWrite() {
        #expect(MathProgNumberError.notANumber("0x10").description.contains("no hexadecimal"))
        #expect(MathProgNumberError.tooLarge("1e309").description.contains("too large"))
        let edit = EditorError.badValue(param: "d", key: [.string("Seattle"), .string("Chicago")], .notANumber("0x10"))
        #expect(edit.description.hasPrefix("d[Seattle,Chicago]: '0x10' is not a number"))
    }

    /// glpsol's own numbers still read.
    @Test func glpsolNumbersStillParse() {
        #expect(MathProgNumber.parse("153.675") == 153.675)
        #expect(MathProgNumber.parse("-1e+30") == -1e30)
        #expect(MathProgNumber.parse("0.00900000000000001") == 0.00900000000000001)
    }
}
