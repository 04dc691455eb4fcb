/// A new portal log-on with its secret, which goes into the cookie and is not stored anywhere.
public struct CreatedWebSession: Sendable, Hashable {
    public let session: WebSession
    public let secret: String
}
