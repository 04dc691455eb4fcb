import Foundation

/// Why a case was refused. Messages name the offending part so the user can find it.
enum CaseError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case wrongFormat(String)
    case badName(kind: String, name: String)
    case badSymbol(set: String, reason: String)
    case duplicateMember(set: String, member: String)
    case unknownSet(param: String, set: String)
    case unknownParam(String)
    case wrongArity(param: String, key: String, expected: Int)
    case unknownMember(param: String, key: String, set: String, member: String)
    case duplicateKey(param: String, key: String)
    case nonFinite(param: String, key: String)
    case tooLarge(String)

    var description: String {
        switch self {
        case .unreadable(let why): "The case is not readable JSON: \(why)"
        case .wrongFormat(let format): "The case's format is '\(format.prefix(64))', expected '\(MathProgCase.format)'."
        case .badName(let kind, let name):
            "The \(kind) name '\(name.prefix(64))' is not a MathProg name ([A-Za-z_][A-Za-z0-9_]*, at most 100 characters)."
        case .badSymbol(let set, let reason): "Set '\(set)': \(reason)"
        case .duplicateMember(let set, let member): "Set '\(set)' lists '\(member.prefix(100))' twice."
        case .unknownSet(let param, let set): "Param '\(param)' is indexed over '\(set.prefix(64))', which is not a set of the case."
        case .unknownParam(let name): "There is no param '\(name.prefix(64))' in the case."
        case .wrongArity(let param, let key, let expected): "Param '\(param)': key \(key) must have \(expected) element(s)."
        case .unknownMember(let param, let key, let set, let member):
            "Param '\(param)': key \(key) names '\(member.prefix(100))', which is not a member of set '\(set)'."
        case .duplicateKey(let param, let key): "Param '\(param)' has key \(key) twice."
        case .nonFinite(let param, let key): "Param '\(param)': the value at \(key) is not a finite number."
        case .tooLarge(let what): "The case is too large: \(what)."
        }
    }
}
