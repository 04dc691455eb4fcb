import Catalog

/// One grant on an app: `subject` is allowed or denied `right`. Also the body of
/// `PUT /apps/{app}/rights`, where `effect` defaults to `allow`.
public struct APIRightGrant: Codable, Sendable, Equatable {
    public let subject: APISubject
    public let right: String
    public let effect: String?

    public init(_ grant: RightGrant) {
        self.subject = APISubject(grant.subject)
        self.right = grant.right.rawValue
        self.effect = grant.effect.rawValue
    }

    public static let schema: JSONValue = .requestSchema([
        "subject": .ref("Subject"),
        "right": ["type": "string", "enum": ["read", "launch", "publish"]],
        "effect": ["type": "string", "enum": ["allow", "deny"]],
    ], optional: ["effect"])
}
