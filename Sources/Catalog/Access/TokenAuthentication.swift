/// Who presented a valid API token, and what the token allows.
public struct TokenAuthentication: Sendable, Hashable {
    public let user: User
    public let tokenId: String
    public let scopes: [String]
    /// The data session or job the token serves; nil for a user's own API token.
    public let binding: TokenBinding?
}
