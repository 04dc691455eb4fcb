import Foundation

/// What a publisher key signs (a `PackageStatement`, a `LicenseStatement`): checked before it is
/// signed and again when read. The signed form is canonical JSON (sorted keys, ISO 8601 dates in
/// whole seconds); verifiers check the signature over those exact bytes and only then decode them.
public protocol SignableStatement: Codable, Sendable {
    /// Checks every field, throwing the statement's own error for the first broken rule.
    func validate() throws
    /// The statement's own error for signed bytes that do not decode as one.
    static func malformed(_ error: any Error) -> any Error
}

extension SignableStatement {
    /// The bytes to sign.
    public func canonicalJSON() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return Array(try encoder.encode(self))
    }

    /// Decodes signed bytes and validates the result (`malformed` or `validate()`'s error).
    public static func decode(_ bytes: some DataProtocol) throws -> Self {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let statement: Self
        do {
            statement = try decoder.decode(Self.self, from: Data(bytes))
        } catch {
            throw malformed(error)
        }
        try statement.validate()
        return statement
    }

    /// `date` cut to whole seconds, as ISO 8601 in the signed bytes keeps it.
    static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
