import Crypto

/// A server's X25519 app key: apps are sealed to its public half and opened with it. The private
/// key file `{"kind":"atrium-app-private-key","id":…,"name":…,"privateKey":base64}` never leaves
/// the server.
public typealias AppKeyPair = KeyPair<X25519Keys>

/// A server's X25519 app key, public half (id `x25519-…`): what a publisher's tool seals apps to.
/// File: `{"kind":"atrium-app-public-key","id":…,"name":…,"publicKey":base64}`.
public typealias AppPublicKey = NamedPublicKey<X25519Keys>

/// X25519: apps are sealed to a server's key.
public enum X25519Keys: KeyAlgorithm {
    public typealias PrivateKey = Curve25519.KeyAgreement.PrivateKey
    public static let name = "X25519"
    public static let idPrefix = "x25519-"
    public static let privateKind = KeyFile.appPrivate
    public static let publicKind = KeyFile.appPublic
}
