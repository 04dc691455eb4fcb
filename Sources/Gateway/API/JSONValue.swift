import Foundation

/// A JSON value written as a Swift literal; used for the OpenAPI document's schemas.
public indirect enum JSONValue: Sendable, Equatable, Encodable,
    ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    case string(String)
    case int(Int64)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The object's entry for `key` (nil for non-objects).
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// A `$ref` to a component schema.
    public static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/" + name)] }

    /// An array schema of `items`.
    public static func arrayOf(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }

    /// An object schema; every listed property is required unless named in `optional`.
    public static func objectSchema(_ properties: [String: JSONValue], optional: Set<String> = []) -> JSONValue {
        let required = properties.keys.filter { !optional.contains($0) }.sorted().map(JSONValue.string)
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required) }
        return .object(schema)
    }

    /// The schema of a request body object: like ``objectSchema(_:optional:)``, and an optional
    /// property may also be `null`, which the server reads as left out (Swift decodes both as nil).
    public static func requestSchema(_ properties: [String: JSONValue], optional: Set<String> = []) -> JSONValue {
        var properties = properties
        for name in optional {
            guard case .object(var schema)? = properties[name] else { continue }
            if schema["$ref"] != nil {
                schema = ["allOf": [.object(schema)], "nullable": true]
            } else {
                schema["nullable"] = true
                if case .array(let values)? = schema["enum"] { schema["enum"] = .array(values + [.null]) }
            }
            properties[name] = .object(schema)
        }
        return objectSchema(properties, optional: optional)
    }

    public static let stringSchema: JSONValue = ["type": "string"]
    public static let integerSchema: JSONValue = ["type": "integer", "format": "int64"]
    public static let booleanSchema: JSONValue = ["type": "boolean"]
    public static let dateSchema: JSONValue = ["type": "string", "format": "date-time"]
    public static let nullableDateSchema: JSONValue = ["type": "string", "format": "date-time", "nullable": true]
}
