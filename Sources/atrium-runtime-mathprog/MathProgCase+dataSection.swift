import Foundation

extension MathProgCase {
    /// The case as a GLPK MathProg data section (`glpsol -d`). Expects a validated case: set and
    /// param names are MathProg names, members are quoted, values are finite.
    var dataSection: String {
        var out = "data;\n"
        for (name, members) in sets.sorted(by: { $0.key < $1.key }) {
            out += "set \(name) :="
            for member in members { out += " " + member.dataLiteral }
            out += ";\n"
        }
        for (name, param) in params.sorted(by: { $0.key < $1.key }) where !param.values.isEmpty {
            out += "param \(name) :="
            for entry in param.values {
                out += "\n "
                for member in entry.key { out += " " + member.dataLiteral }
                out += " " + MathProgNumber.format(entry.value)
            }
            out += ";\n"
        }
        return out + "end;\n"
    }
}
