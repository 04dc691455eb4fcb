import Foundation

/// The OpenAPI 3.0 document served at `/api/v1/openapi.json`, generated from the route table.
/// Every operation lists its success responses and a `default` problem response, the security it
/// needs, and (in `x-atrium-access`) the role it is open to.
public enum OpenAPIDocument {
    public static func make(_ table: RouteTable, version: String = "1.0.0") -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for route in table.routes {
            var item: [String: JSONValue] = [:]
            if case .object(let existing) = paths["/api/v1" + route.path] ?? nil { item = existing }
            item[route.method.rawValue.lowercased()] = operation(route)
            paths["/api/v1" + route.path] = .object(item)
        }
        var schemas = table.schemas
        schemas["Problem"] = .objectSchema([
            "type": .stringSchema, "title": .stringSchema, "status": ["type": "integer"], "detail": .stringSchema,
        ], optional: ["detail"])
        return [
            "openapi": "3.0.3",
            "info": [
                "title": "Atrium API",
                "version": .string(version),
                "description": "The REST API of Atrium. Authenticate with `Authorization: Bearer atr_…` (an API token) or the portal's log-on cookie plus `X-CSRF-Token` on state-changing calls. Errors are RFC 9457 problem documents.",
            ],
            "paths": .object(paths),
            "components": [
                "schemas": .object(schemas),
                "securitySchemes": [
                    "token": ["type": "http", "scheme": "bearer", "description": "An API token (atr_…)."],
                    "session": ["type": "apiKey", "in": "cookie", "name": .string(SessionCookie.name)],
                ],
            ],
        ]
    }

    static func operation(_ route: APIRoute) -> JSONValue {
        var responses: [String: JSONValue] = [:]
        for (status, body) in route.responses {
            var response: [String: JSONValue] = ["description": .string(HTTPStatusText.text(status))]
            if let body {
                var content: [String: JSONValue] = [body.contentType: ["schema": body.schema]]
                for other in body.alternatives { content[other.contentType] = ["schema": other.schema] }
                response["content"] = .object(content)
            }
            responses[String(status)] = .object(response)
        }
        responses["default"] = [
            "description": "An error, as a problem document.",
            "content": ["application/problem+json": ["schema": .ref("Problem")]],
        ]
        var operation: [String: JSONValue] = [
            "operationId": .string(route.operationId),
            "summary": .string(route.summary),
            "tags": [.string(route.tag)],
            "responses": .object(responses),
            "x-atrium-access": .string(route.access.rawValue),
        ]
        if route.sessionCallable { operation["x-atrium-session-token"] = true }
        let parameters = route.allParameters
        if !parameters.isEmpty {
            operation["parameters"] = .array(parameters.map { parameter in
                [
                    "name": .string(parameter.name), "in": .string(parameter.location.rawValue),
                    "required": .bool(parameter.required), "schema": parameter.schema,
                    "description": .string(parameter.description),
                ]
            })
        }
        if let body = route.requestBody {
            operation["requestBody"] = ["required": .bool(route.bodyRequired), "content": [body.contentType: ["schema": body.schema]]]
        }
        operation["security"] = route.access == .anonymous ? [] : [["token": []], ["session": []]]
        return .object(operation)
    }
}
