/// One row of an app's rights: `subject` is allowed or denied `right` on `app`.
public struct RightGrant: Sendable, Hashable {
    public let app: String
    public let subject: Subject
    public let right: Right
    public let effect: Effect

    public init(app: String, subject: Subject, right: Right, effect: Effect) {
        self.app = app
        self.subject = subject
        self.right = right
        self.effect = effect
    }
}
