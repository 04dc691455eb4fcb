import Foundation

extension EditorSession {
    /// Saves the case: as a new case named `name`, or (without a name) as a new version of the
    /// open case, guarded by `If-Match` on the head this session last saw.
    func save(asName name: String?) async throws {
        let gateway = try requireGateway()
        let content = try Self.encode(current)
        let editsBefore = edits
        let saved: GatewayCase
        if let name {
            saved = try await gateway.createCase(name: name, content: content)
        } else {
            guard let caseId, let headDigest else { throw EditorError.notSaved }
            saved = try await gateway.saveVersion(caseId: caseId, headDigest: headDigest, content: content)
        }
        caseId = saved.id
        caseName = saved.name
        version = saved.headNumber
        headDigest = saved.headDigest
        if edits == editsBefore { dirty = [] }
        var event = caseEvent()
        event.type = "saved"
        broadcast(event)
    }

    /// Opens version `number` of a case (its newest when nil) for every socket.
    func open(caseId id: String, version number: Int64?) async throws {
        let gateway = try requireGateway()
        let head = try await gateway.getCase(id)
        let chosen = number ?? head.headNumber
        let loaded = try await Self.load(gateway, caseId: id, number: chosen)
        current = loaded
        caseId = head.id
        caseName = head.name
        version = chosen
        headDigest = head.headDigest
        dirty = []
        edits += 1
        broadcast(caseEvent())
    }

    /// Opens the newest version of a case at start (`ATRIUM_CASE_ID`).
    func openAtStart(caseId id: String) async throws { try await open(caseId: id, version: nil) }

    static func load(_ gateway: GatewayClient, caseId: String, number: Int64) async throws -> MathProgCase {
        let data = try await gateway.content(caseId: caseId, number: number)
        do { return try MathProgCase.decode(data) } catch { throw EditorError.notACase(error) }
    }

    static func encode(_ value: MathProgCase) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
