import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The rules parameters carry in the route table: the document shows them and the server
/// enforces them before a handler runs, so that both say the same.
@Suite struct APIParameterRuleTests {
    @Test func rulesAdmitExactlyWhatTheySay() {
        #expect(APIValueRule.boolean.admits("true") && APIValueRule.boolean.admits("false"))
        for refused in ["", "null", "1", "TRUE", "yes"] { #expect(!APIValueRule.boolean.admits(refused), "\(refused)") }
        #expect(APIValueRule.objectName.admits("transport") && APIValueRule.objectName.admits("a.b+c-1"))
        for refused in ["", "Transport", "-a", "a/b", "transport\n", String(repeating: "a", count: 129)] {
            #expect(!APIValueRule.objectName.admits(refused), "\(refused.debugDescription)")
        }
        #expect(APIValueRule.label.admits("Plan B, 2026 ✓") && APIValueRule.label.admits(String(repeating: "é", count: 256)))
        for refused in ["", "tab\there", "nul\u{0}", "c1\u{85}", String(repeating: "x", count: 257)] {
            #expect(!APIValueRule.label.admits(refused), "\(refused.debugDescription)")
        }
        let limit = APIValueRule.integer(1...500)
        #expect(limit.admits("1") && limit.admits("500"))
        for refused in ["0", "501", "", "1.5", "+1", " 1", "1e2", "null", "99999999999999999999"] { #expect(!limit.admits(refused), "\(refused)") }
        for time in ["2026-01-31T12:00:00Z", "2026-01-31t12:00:00z", "2026-01-31T12:00:00.25+02:00"] {
            #expect(APIValueRule.dateTime.admits(time), "\(time)")
        }
        for refused in ["", "null", "2026-01-31", "yesterday"] { #expect(!APIValueRule.dateTime.admits(refused), "\(refused)") }
        #expect(APIValueRule.oneOf(["json", "csv"]).admits("csv") && !APIValueRule.oneOf(["json", "csv"]).admits(""))
        #expect(APIValueRule.sha256Hex.admits(String(repeating: "aB", count: 32)) && !APIValueRule.sha256Hex.admits(""))
    }

    @Test func everyParameterOfTheDocumentStatesItsRule() async throws {
        try await TestGateway.with { client, app in
            let doc = try await Caller.anonymous.request(client, .get, "/api/v1/openapi.json")
            let paths = try #require(try doc.object()["paths"] as? [String: [String: Any]])
            var checked = 0
            for route in app.routes.routes {
                let operation = try #require(paths["/api/v1" + route.path]?[route.method.rawValue.lowercased()] as? [String: Any])
                let listed = (operation["parameters"] as? [[String: Any]]) ?? []
                #expect(listed.count == route.allParameters.count, "\(route.operationId)")
                for parameter in route.allParameters {
                    let entry = try #require(listed.first { $0["name"] as? String == parameter.name }, "\(route.operationId) \(parameter.name)")
                    let schema = try #require(entry["schema"] as? [String: Any])
                    // A free string would let the server refuse what the document allows: every
                    // text parameter is bounded by a pattern, a list of values or a length.
                    if schema["type"] as? String == "string", schema["format"] == nil {
                        #expect(schema["pattern"] != nil || schema["enum"] != nil || schema["maxLength"] != nil,
                                "\(route.operationId): '\(parameter.name)' has no rule")
                    }
                    checked += 1
                }
            }
            #expect(checked > 40)
            let cases = try #require(paths["/api/v1/cases"]?["get"] as? [String: Any])
            let app = try #require((cases["parameters"] as? [[String: Any]])?.first { $0["name"] as? String == "app" })
            #expect((app["schema"] as? [String: Any])?["pattern"] as? String == "^[a-z0-9][a-z0-9._+-]{0,127}$")
        }
    }

    @Test func anEmptyValueThatBreaksThePatternIs400() async throws {
        try await TestGateway.with { client, app in
            let user = try await Caller.token(app, user: "admin")
            let empty = try await user.request(client, .get, "/api/v1/cases?app=")
            #expect(empty.status == .badRequest)
            #expect(empty.headers[.contentType] == "application/problem+json")
            #expect(try empty.object()["detail"] as? String == "'app' must match [a-z0-9][a-z0-9._+-]{0,127}.")
            #expect(try await user.request(client, .get, "/api/v1/cases?app=transport").status == .ok)
            #expect(try await user.request(client, .get, "/api/v1/cases?app=a&app=b").status == .badRequest)

            let digest = HTTPField.Name("X-Content-SHA256")!
            let upload = try await user.request(client, .post, "/api/v1/packages",
                                                headers: [.contentType: "application/octet-stream", digest: ""], body: ByteBuffer(string: "x"))
            #expect(upload.status == .badRequest)
            #expect(try upload.object()["detail"] as? String == "'X-Content-SHA256' must be 64 hex digits.")
            let missing = try await user.request(client, .post, "/api/v1/cases?name=plan",
                                                 headers: [.contentType: "application/octet-stream"], body: ByteBuffer(string: "x"))
            #expect(missing.status == .badRequest)
            #expect(try missing.object()["detail"] as? String == "'app' is required.")
        }
    }

    @Test func aBooleanIsTrueOrFalseAndNothingElse() async throws {
        try await TestGateway.with { client, app in
            let admin = try await Caller.token(app, user: "admin", scopes: ["read", "write", "admin"])
            for path in ["/api/v1/sessions?ended=null", "/api/v1/sessions?all=", "/api/v1/jobs?all=null", "/api/v1/jobs?all=1"] {
                let response = try await admin.request(client, .get, path)
                #expect(response.status == .badRequest, "\(path)")
                #expect((try response.object()["detail"] as? String)?.hasSuffix("must be true or false.") == true, "\(path)")
            }
            for path in ["/api/v1/sessions?ended=true&all=false", "/api/v1/jobs?all=true"] {
                #expect(try await admin.request(client, .get, path).status == .ok, "\(path)")
            }
        }
    }

    @Test func aMethodTheTableDoesNotListIs405WithAllow() async throws {
        try await TestGateway.with { client, app in
            let user = try await Caller.token(app, user: "admin")
            let trace = try await user.request(client, .trace, "/api/v1/apps")
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers[.allow] == "GET, POST")
            #expect(trace.headers[.contentType] == "application/problem+json")
            let withParameter = try await Caller.anonymous.request(client, .delete, "/api/v1/apps/transport/versions")
            #expect(withParameter.status == .methodNotAllowed)
            #expect(withParameter.headers[.allow] == "GET, POST")
            let options = try await user.request(client, .options, "/api/v1/users/someone")
            #expect(options.status == .methodNotAllowed)
            #expect(options.headers[.allow] == "GET, PATCH")
            // Fixed segments win over a parameter, as in the router: /me/password is PUT only.
            #expect(try await user.request(client, .get, "/api/v1/me/password").headers[.allow] == "PUT")
            // Unknown paths, and paths outside the API, stay 404.
            #expect(try await user.request(client, .trace, "/api/v1/no-such-thing").status == .notFound)
            #expect(try await user.request(client, .get, "/api/v1/apps/transport/nothing").status == .notFound)
            // A listed method answers as before.
            #expect(try await user.request(client, .get, "/api/v1/apps").status == .ok)
        }
    }
}
