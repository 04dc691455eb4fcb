import Foundation

extension MathProgCase {
    /// Reads and validates a case from JSON bytes.
    static func decode(_ data: Data, limits: CaseLimits = .standard) throws(CaseError) -> MathProgCase {
        guard data.count <= limits.maxBytes else { throw .tooLarge("\(data.count) bytes, at most \(limits.maxBytes)") }
        let decoded: MathProgCase
        do { decoded = try JSONDecoder().decode(MathProgCase.self, from: data) } catch {
            throw .unreadable(Self.explain(error))
        }
        try decoded.validate(limits: limits)
        return decoded
    }

    /// Checks names, members, keys and numbers; throws the first problem found.
    func validate(limits: CaseLimits = .standard) throws(CaseError) {
        guard format == Self.format else { throw .wrongFormat(format) }
        guard sets.count <= limits.maxSets else { throw .tooLarge("\(sets.count) sets, at most \(limits.maxSets)") }
        guard params.count <= limits.maxParams else { throw .tooLarge("\(params.count) params, at most \(limits.maxParams)") }
        for (name, members) in sets.sorted(by: { $0.key < $1.key }) {
            guard Self.isName(name) else { throw .badName(kind: "set", name: name) }
            guard members.count <= limits.maxMembersPerSet else {
                throw .tooLarge("set '\(name)' has \(members.count) members, at most \(limits.maxMembersPerSet)")
            }
            var seen = Set<MathProgSymbol>()
            for member in members {
                try Self.checkSymbol(member, set: name, limits: limits)
                guard seen.insert(member).inserted else { throw .duplicateMember(set: name, member: member.description) }
            }
        }
        let memberSets = sets.mapValues { Set($0) }
        var entries = 0
        for (name, param) in params.sorted(by: { $0.key < $1.key }) {
            guard Self.isName(name) else { throw .badName(kind: "param", name: name) }
            guard param.dims.count <= limits.maxDims else { throw .tooLarge("param '\(name)' has \(param.dims.count) dims, at most \(limits.maxDims)") }
            for dim in param.dims where memberSets[dim] == nil { throw .unknownSet(param: name, set: dim) }
            entries += param.values.count
            guard entries <= limits.maxEntries else { throw .tooLarge("more than \(limits.maxEntries) param values") }
            var keys = Set<[MathProgSymbol]>()
            for entry in param.values {
                try checkEntry(param: name, key: entry.key, value: entry.value, memberSets: memberSets)
                guard keys.insert(entry.key).inserted else { throw .duplicateKey(param: name, key: Self.show(entry.key)) }
            }
        }
    }

    /// Checks one edit: the param exists, the key fits its dims, the value is finite.
    func validateEdit(param name: String, key: [MathProgSymbol], value: Double) throws(CaseError) {
        guard params[name] != nil else { throw .unknownParam(name) }
        try checkEntry(param: name, key: key, value: value, memberSets: sets.mapValues { Set($0) })
    }

    private func checkEntry(param name: String, key: [MathProgSymbol], value: Double,
                            memberSets: [String: Set<MathProgSymbol>]) throws(CaseError) {
        guard let param = params[name] else { throw .unknownParam(name) }
        guard key.count == param.dims.count else { throw .wrongArity(param: name, key: Self.show(key), expected: param.dims.count) }
        for (member, dim) in zip(key, param.dims) where !(memberSets[dim]?.contains(member) ?? false) {
            throw .unknownMember(param: name, key: Self.show(key), set: dim, member: member.description)
        }
        guard value.isFinite else { throw .nonFinite(param: name, key: Self.show(key)) }
    }

    private static func checkSymbol(_ symbol: MathProgSymbol, set: String, limits: CaseLimits) throws(CaseError) {
        switch symbol {
        case .number(let value):
            guard value.isFinite else { throw .badSymbol(set: set, reason: "a member is not a finite number") }
        case .string(let text):
            guard !text.isEmpty else { throw .badSymbol(set: set, reason: "a member is the empty string") }
            guard text.utf8.count <= limits.maxSymbolBytes else {
                throw .badSymbol(set: set, reason: "member '\(text.prefix(40))…' is longer than \(limits.maxSymbolBytes) bytes")
            }
            guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw .badSymbol(set: set, reason: "a member contains a control character")
            }
        }
    }

    /// A MathProg name: a letter or `_`, then letters, digits, `_`; at most 100 characters.
    static func isName(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 100, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return text.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    /// A key as the user wrote it: `["Seattle","New-York"]`.
    static func show(_ key: [MathProgSymbol]) -> String {
        let data = (try? JSONEncoder().encode(key)) ?? Data()
        return String(decoding: data.prefix(300), as: UTF8.self)
    }

    private static func explain(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
             DecodingError.valueNotFound(_, let context), DecodingError.keyNotFound(_, let context):
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
