/// Random identifiers and secrets (lowercase hex from the system's CSPRNG).
enum RandomID {
    static func make(bytes: Int = 12) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
