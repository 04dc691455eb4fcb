import Catalog

/// The body of `PUT /api/v1/cases/{case}/shares`.
struct CaseShareChange: Decodable {
    let subject: CaseShareSubject
    let access: String

    static let schema: JSONValue = .objectSchema([
        "subject": .ref("CaseShareSubject"), "access": ["type": "string", "enum": ["read", "write"]],
    ])
}
