/// What a successful portal form action leads to.
enum PortalOutcome {
    /// Redirect (303, so a reload does not repeat the action) to a path with a message shown once.
    case redirect(String, message: String)
    /// Show the form's page again at once with a message and extra values (a secret shown only
    /// this once, which must not travel in a cookie or URL).
    case show(message: String, extra: [String: Any])
    /// Nothing done yet: ask first, on a page whose button posts the same form again, confirmed.
    case confirm(PortalConfirmation)
}
