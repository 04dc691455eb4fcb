import Catalog
import Hummingbird

/// Changing one's own password: `/account/new-password`, the page a user who must choose a new
/// password (the first-run admin with the one-time password) is sent to from every other page,
/// and the form on `/account`. A change ends every portal session of the user, this one too, so
/// they log on again with the new password.
enum PortalPasswordPages {
    static let path = "/account/new-password"

    static func add(_ portal: Portal) {
        let page: Portal.Page = { call in
            PortalView("password", title: call.user.mustChangePassword ? "Choose a new password" : "Change your password",
                       ["forced": call.user.mustChangePassword])
        }
        portal.page(path, beforePasswordChange: true, page)
        portal.form(path, beforePasswordChange: true, page: page, change)
    }

    /// Checks the current password (under the log-on limits) and the new one (typed twice, not
    /// the current one again) and sets it, which also ends the must-change requirement and
    /// revokes the user's API tokens except those ticked in `keep` (the account page's form).
    @Sendable static func change(_ call: PortalCall, _ form: PortalForm) async throws -> PortalOutcome {
        guard let current = form.raw("current"), !current.isEmpty else { throw Problem.badRequest("Fill in your current password.") }
        guard let new = form.raw("new"), !new.isEmpty else { throw Problem.badRequest("Fill in a new password.") }
        guard form.raw("repeat") == new else { throw Problem.badRequest("The new password and its repetition differ; type them again.") }
        guard (8...72).contains(new.utf8.count) else {
            throw Problem.badRequest("The new password must be 8 to 72 bytes long (most characters are one byte).")
        }
        guard new != current else { throw Problem.badRequest("Choose a password other than the current one.") }
        let revoked = try await AccountPolicy.changeOwnPassword(call.identity, current: current, new: new, keeping: form.all("keep"),
                                                                remoteAddress: call.context.remoteAddress, call.services,
                                                                logger: call.context.logger)
        let tokens = revoked == 0 ? "" : " \(revoked) API token\(revoked == 1 ? " was" : "s were") revoked."
        return .redirect("/logon", message: "Your password is changed; log on again with the new one.\(tokens)")
    }
}
