/// A `host[:port]` authority (a `Host` header, an advertised node address), split once: the host
/// without an IPv6 literal's brackets, and the port when one is given in digits.
struct Authority: Equatable {
    let host: Substring
    let port: Int?
    /// Whether the host is an IPv6 literal (given in brackets).
    let isBracketed: Bool

    init(_ text: String) {
        let text = Substring(text)
        isBracketed = text.hasPrefix("[")
        if isBracketed, let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            port = rest.hasPrefix(":") ? Self.digits(rest.dropFirst()) : nil
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            port = Self.digits(text[text.index(after: colon)...])
        } else {
            host = text
            port = nil
        }
    }

    private static func digits(_ text: Substring) -> Int? {
        !text.isEmpty && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) ? Int(text) : nil
    }
}
