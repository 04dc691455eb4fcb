import Crypto
import Foundation

/// The Curve25519 algorithm a key file holds and how its id and file kinds are spelled. Ed25519
/// signs (publishers, `PublisherKeys`); X25519 seals apps (`AppKeys`).
public protocol KeyAlgorithm: Sendable {
    associatedtype PrivateKey: RawPrivateKey
    /// The algorithm's name in messages: `Ed25519`, `X25519`.
    static var name: String { get }
    /// What a key id starts with: `ed25519-`, `x25519-`.
    static var idPrefix: String { get }
    /// The `kind` of a private and of a public key file.
    static var privateKind: String { get }
    static var publicKind: String { get }
}

/// What the key files need of a swift-crypto Curve25519 private key: made fresh, read from and
/// written as its 32 raw bytes, and its public half.
public protocol RawPrivateKey: Sendable {
    associatedtype PublicKey: RawPublicKey
    init()
    init<D: ContiguousBytes>(rawRepresentation: D) throws
    var rawRepresentation: Data { get }
    var publicKey: PublicKey { get }
}

/// A swift-crypto Curve25519 public key as its 32 raw bytes.
public protocol RawPublicKey: Sendable {
    init<D: ContiguousBytes>(rawRepresentation: D) throws
    var rawRepresentation: Data { get }
}

extension Curve25519.Signing.PrivateKey: RawPrivateKey {}
extension Curve25519.Signing.PublicKey: RawPublicKey {}
extension Curve25519.KeyAgreement.PrivateKey: RawPrivateKey {}
extension Curve25519.KeyAgreement.PublicKey: RawPublicKey {}
