/// Whose share of the transfer slots an upload or download counts against (`transfersPerUser`,
/// ``BlockingLimits/transfersPerHolder``): its user's, whatever the credential (portal session,
/// API token, a data session's token), so one user's many connections share one share.
enum TransferPolicy {
    static func holder(_ identity: Identity) -> String {
        "user " + identity.user.id
    }
}
