import Foundation
import Hummingbird

/// The one-time message a redirect after a successful form carries to the next page: a
/// short-lived `Secure`, `HttpOnly`, `SameSite=Strict` cookie, read and cleared by that page.
enum PortalFlash {
    static let name = "atrium_flash"

    static func set(_ message: String) -> Cookie {
        let value = Data(message.prefix(500).utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return Cookie(name: name, value: value, maxAge: 60, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }

    static func clear() -> Cookie {
        Cookie(name: name, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", secure: true,
               httpOnly: true, sameSite: .strict)
    }

    /// The message the request carries, if any.
    static func read(_ request: Request) -> String? {
        guard let value = request.cookies[name]?.value, !value.isEmpty else { return nil }
        var base64 = value.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
