import Foundation
import Hummingbird

/// A submitted `application/x-www-form-urlencoded` form: every field's values in order.
struct PortalForm: Sendable {
    /// Forms are small; files go to the REST API through `portal.js`.
    static let limit = 256 * 1024
    var values: [String: [String]] = [:]

    init(encoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0])
            values[name, default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// Reads and parses the body of `request`: 415 for another content type, 413 past ``limit``.
    static func read(_ request: Request) async throws -> PortalForm {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw Problem.unsupportedMediaType("a form (application/x-www-form-urlencoded)")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw Problem.contentTooLarge(limit: Int64(limit))
        }
        return PortalForm(encoded: String(buffer: buffer))
    }

    /// The first value of `name`, trimmed; nil when absent or empty.
    subscript(_ name: String) -> String? {
        guard let value = values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// The first value of `name` untrimmed (passwords), nil when absent.
    func raw(_ name: String) -> String? { values[name]?.first }

    /// Every value of `name` (checkboxes).
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// What was typed, to fill the form in again when its action fails: each field's first
    /// value, without the CSRF token and without passwords (which are never sent back).
    var typed: [String: String] {
        var typed: [String: String] = [:]
        for (name, values) in values where !Self.untyped.contains(name) {
            if let value = values.first { typed[name] = value }
        }
        return typed
    }

    static let untyped: Set<String> = ["_csrf", "password", "current", "new", "repeat", PortalConfirmation.field]

    /// The first value of `name`, or a 400 naming the field.
    func require(_ name: String, _ label: String) throws -> String {
        guard let value = self[name] else { throw Problem.badRequest("Fill in \(label).") }
        return value
    }
}
