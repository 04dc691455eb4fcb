/// A freshly created API token with its secret: the only time the secret is available.
public struct CreatedAPIToken: Sendable {
    public let token: APIToken
    /// `atr_` + base64url of 32 random bytes. Show it once; it cannot be recovered.
    public let secret: String
}
