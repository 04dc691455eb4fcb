/// The question a destructive form asks before it acts (delete a case or a package, cancel a
/// job): a page in words with a button that posts the same fields again plus `confirmed=yes`,
/// and a way back. It needs no script, so it works under the portal's CSP and without JavaScript.
struct PortalConfirmation {
    static let field = "confirmed"

    /// The page's heading, a question: "Delete case plan-a?".
    let question: String
    /// What happens, in a sentence: "Its 4 versions are deleted for everyone it is shared with."
    let consequence: String
    /// The confirming button's label: "Delete the case".
    let button: String
    /// Where "Keep it" leads.
    let back: String

    /// True when the form carries the confirmation this page adds.
    static func given(_ form: PortalForm) -> Bool { form[field] == "yes" }

    /// The page for the form posted to `action`, carrying its fields (not the CSRF token, which
    /// the template adds from the session).
    func view(action: String, form: PortalForm) -> PortalView {
        var fields: [[String: Any]] = []
        for (name, values) in form.values.sorted(by: { $0.key < $1.key }) where name != "_csrf" && name != Self.field {
            for value in values { fields.append(["name": name, "value": value]) }
        }
        return PortalView("confirm", title: question, [
            "consequence": consequence, "button": button, "back": back, "action": action, "fields": fields,
        ])
    }
}
