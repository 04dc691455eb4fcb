import Foundation
import Gateway
import HummingbirdTesting
import Testing

@Suite struct PublishDocumentTests {
    @Test func everySchemaReferenceOfThePublishingRoutesResolves() async throws {
        try await TestGateway.with { client, _ in
            let doc = try await Caller.anonymous.request(client, .get, "/api/v1/openapi.json")
            let object = try doc.object()
            let schemas = try #require((object["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let paths = try #require(object["paths"] as? [String: Any])
            for path in ["/api/v1/packages", "/api/v1/apps/{app}/versions", "/api/v1/apps/{app}/rights", "/api/v1/app-key"] {
                #expect(paths[path] != nil, "\(path)")
            }
            var refs: [String] = []
            func collect(_ value: Any) {
                if let dict = value as? [String: Any] {
                    if let ref = dict["$ref"] as? String { refs.append(ref) }
                    dict.values.forEach(collect)
                } else if let array = value as? [Any] {
                    array.forEach(collect)
                }
            }
            collect(object)
            #expect(!refs.isEmpty)
            for ref in refs {
                #expect(schemas[String(ref.dropFirst("#/components/schemas/".count))] != nil, "\(ref)")
            }
        }
    }
}
