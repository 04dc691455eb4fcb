import ArgumentParser

/// The two kinds of key Atrium uses.
enum KeyKind: String, ExpressibleByArgument, CaseIterable {
    /// Ed25519: a publisher signs runtime packages with it.
    case publisher
    /// X25519: the server's app key, to which publishers seal apps.
    case app
}
