import Foundation
import Logging

/// The state of a data session's editor: the open case, unsaved edits, the connected sockets
/// and the running solve. Every socket sees the same case; edits are broadcast.
actor EditorSession {
    let gateway: GatewayClient?
    let logger: Logger
    /// The app as the editor presents it (sent first on every socket).
    let app: EditorApp
    /// This data session's id (`ATRIUM_SESSION_ID`), sent with a solve.
    let sessionId: String?
    var current: MathProgCase
    var caseId: String?
    var caseName: String?
    /// The version `current` was loaded from or saved as; nil for the app's default data.
    var version: Int64?
    var headDigest: String?
    var dirty: Set<EditorCell> = []
    /// Counts edits, so a save that raced an edit keeps the edit marked unsaved.
    var edits = 0
    var job: GatewayJob?
    var jobCaseId: String?
    var editsAtSubmit = 0
    /// When this session submitted `job`.
    var jobSubmitted: ContinuousClock.Instant?
    private var sockets: [UUID: AsyncStream<String>.Continuation] = [:]
    /// Set once the session is stopping: sockets are told so and closed.
    private var stopping = false

    /// How often a running job is polled.
    var pollInterval: Duration = .milliseconds(500)

    init(initial: MathProgCase, app: EditorApp, gateway: GatewayClient?, sessionId: String? = nil, logger: Logger) {
        self.current = initial
        self.app = app
        self.gateway = gateway
        self.sessionId = sessionId
        self.logger = logger
    }

    /// Registers a socket; its stream yields the JSON messages to send, starting with the app
    /// and the case.
    func connect() -> (UUID, AsyncStream<String>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(256))
        sockets[id] = continuation
        if stopping {
            continuation.yield(Self.endedEvent.json)
            continuation.finish()
            return (id, stream)
        }
        var appEvent = EditorEvent(type: "app")
        appEvent.app = app
        continuation.yield(appEvent.json)
        continuation.yield(caseEvent().json)
        if let job { continuation.yield(jobEvent(job).json) }
        return (id, stream)
    }

    func disconnect(_ id: UUID) {
        sockets.removeValue(forKey: id)?.finish()
    }

    /// Sockets not yet disconnected (a closed stream's socket counts until its handler ends).
    var socketCount: Int { sockets.count }

    static var endedEvent: EditorEvent {
        var ended = EditorEvent(type: "ended")
        ended.message = "The session has ended."
        return ended
    }

    /// Tells every socket the session is ending, then ends their streams; their handlers then
    /// close the sockets (the session stops) and disconnect them.
    func closeAll() {
        stopping = true
        broadcast(Self.endedEvent)
        for continuation in sockets.values { continuation.finish() }
    }

    func broadcast(_ event: EditorEvent) {
        let text = event.json
        for continuation in sockets.values { continuation.yield(text) }
    }

    func send(_ event: EditorEvent, to id: UUID) {
        sockets[id]?.yield(event.json)
    }

    /// The whole state, as sent on connect and after open, save and solve.
    func caseEvent() -> EditorEvent {
        var event = EditorEvent(type: "case")
        event.case = current
        event.caseId = caseId
        event.caseName = caseName
        event.version = version
        event.dirty = dirty.sorted { MathProgCase.show($0.key) + $0.param < MathProgCase.show($1.key) + $1.param }
        return event
    }

    /// Handles one text message from socket `id`.
    func handle(_ text: String, from id: UUID) async {
        let request: EditorRequest
        do { request = try JSONDecoder().decode(EditorRequest.self, from: Data(text.utf8)) } catch {
            send(.error("The message is not understood: \(error)", op: nil), to: id)
            return
        }
        do {
            switch request.op {
            case "set": try applyEdit(request)
            case "save": try await save(asName: nil)
            case "saveAs":
                guard let name = request.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                    throw EditorError.missing("name")
                }
                try await save(asName: name)
            case "list":
                var event = EditorEvent(type: "cases")
                event.cases = try await requireGateway().listCases()
                send(event, to: id)
            case "versions":
                guard let caseId = request.case else { throw EditorError.missing("case") }
                var event = EditorEvent(type: "versions")
                event.caseId = caseId
                event.versions = try await requireGateway().versions(caseId: caseId)
                send(event, to: id)
            case "open":
                guard let caseId = request.case else { throw EditorError.missing("case") }
                try await open(caseId: caseId, version: request.version)
            case "solve":
                let name = request.name?.trimmingCharacters(in: .whitespaces)
                try await solve(name: name?.isEmpty == false ? name : nil)
            case "cancel": try await cancelSolve()
            default: throw EditorError.unknownOp(request.op)
            }
        } catch {
            logger.info("editor request failed", metadata: ["op": "\(request.op.prefix(32))", "error": "\(error)"])
            send(.error("\(error)", op: request.op, param: request.op == "set" ? request.param : nil,
                        key: request.op == "set" ? request.key : nil), to: id)
        }
    }

    func requireGateway() throws(GatewayError) -> GatewayClient {
        guard let gateway else { throw .notConfigured }
        return gateway
    }

    /// Validates and applies a `set`, then broadcasts it. A refused edit changes nothing.
    private func applyEdit(_ request: EditorRequest) throws {
        guard let param = request.param else { throw EditorError.missing("param") }
        guard let key = request.key else { throw EditorError.missing("key") }
        guard let given = request.value else { throw EditorError.missing("value") }
        let value: Double
        do { value = try given.number() } catch { throw EditorError.badValue(param: param, key: key, error) }
        try current.validateEdit(param: param, key: key, value: value)
        guard var values = current.params[param]?.values else { throw CaseError.unknownParam(param) }
        if let index = values.firstIndex(where: { $0.key == key }) {
            values[index].value = value
        } else {
            values.append(MathProgEntry(key: key, value: value))
        }
        current.params[param]?.values = values
        current.solution = nil
        dirty.insert(EditorCell(param: param, key: key))
        edits += 1
        var event = EditorEvent(type: "set")
        event.param = param
        event.key = key
        event.value = value
        broadcast(event)
    }
}
