import Foundation

/// A list answer: `{"items": [...]}`.
struct GatewayItems<Item: Decodable & Sendable>: Decodable, Sendable {
    var items: [Item]
}
