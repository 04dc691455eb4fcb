import Catalog

/// Who a case is shared with, and for what.
struct APICaseShare: Encodable {
    let subject: CaseShareSubject
    let access: String

    init(_ share: CaseShare) {
        self.subject = CaseShareSubject(share.subject)
        self.access = share.access.rawValue
    }

    static let schema: JSONValue = .objectSchema([
        "subject": .ref("CaseShareSubject"), "access": ["type": "string", "enum": ["read", "write"]],
    ])
}
