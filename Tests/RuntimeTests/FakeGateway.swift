#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Hummingbird
import HummingbirdTLS
import NIOCore
import NIOSSL
@testable import atrium_runtime_mathprog

/// A stand-in for the gateway's case and job API over HTTPS, enough for a data session: cases
/// with versions and If-Match, jobs that run the real `solve` and save its output as a version.
final class FakeGateway: Sendable {
    actor Store {
        struct StoredCase { var info: GatewayCase; var versions: [Data] }
        var cases: [String: StoredCase] = [:]
        var jobs: [String: GatewayJob] = [:]
        var ifMatches: [String] = []
        /// The `session` each job was submitted with.
        var submittedSessions: [String?] = []
        /// The `solve` process of each running job.
        var processes: [String: RuntimeProcess] = [:] {
            didSet { running.withLock { $0 = Array(processes.values) } }
        }
        /// The same, readable without the actor, so `FakeGateway.stop()` can kill them at once:
        /// a solve still running when a test ends must not outlive the test process.
        nonisolated let running = Mutex<[RuntimeProcess]>([])

        static func digest() -> String { (UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "").lowercased() }

        func create(name: String, content: Data) -> GatewayCase {
            let info = GatewayCase(id: "case-\(cases.count + 1)", name: name, headNumber: 1, headDigest: Self.digest(), updatedAt: nil)
            cases[info.id] = StoredCase(info: info, versions: [content])
            return info
        }

        func append(_ id: String, content: Data, ifMatch: String?) throws(FakeGateway.Failure) -> GatewayCase {
            guard var stored = cases[id] else { throw .init(404, "No case '\(id)'.") }
            if let ifMatch {
                ifMatches.append(ifMatch)
                guard ifMatch == "\"\(stored.info.headDigest)\"" else {
                    throw .init(412, "The case was saved since (head is version \(stored.info.headNumber)); reload and retry.")
                }
            }
            stored.versions.append(content)
            stored.info.headNumber += 1
            stored.info.headDigest = Self.digest()
            cases[id] = stored
            return stored.info
        }

        func content(_ id: String, _ number: Int) -> Data? {
            guard let stored = cases[id], number >= 1, number <= stored.versions.count else { return nil }
            return stored.versions[number - 1]
        }

        /// Records the job's new state; a cancel asked for meanwhile is kept.
        func setJob(_ job: GatewayJob) {
            var updated = job
            if jobs[job.id]?.cancelRequested == true { updated.cancelRequested = true }
            jobs[job.id] = updated
        }
        func submitted(session: String?) { submittedSessions.append(session) }
        func started(_ id: String, _ process: RuntimeProcess) {
            processes[id] = process
            if jobs[id]?.cancelRequested == true { process.signal(SIGTERM) }
        }
        func ended(_ id: String) { processes[id] = nil }

        /// Marks the job cancel-requested and stops its process, as the gateway does.
        func cancel(_ id: String) throws(FakeGateway.Failure) -> GatewayJob {
            guard var job = jobs[id] else { throw .init(404, "No job '\(id)'.") }
            guard !job.isFinished else { throw .init(409, "The job has already ended (\(job.state)).") }
            job.cancelRequested = true
            if processes[id] == nil { job.state = "cancelled" }
            jobs[id] = job
            processes[id]?.signal(SIGTERM)
            return job
        }
        func job(_ id: String) -> GatewayJob? { jobs[id] }
        func info(_ id: String) -> GatewayCase? { cases[id]?.info }
        func all() -> [GatewayCase] { cases.values.map(\.info).sorted { $0.id < $1.id } }
        func versions(_ id: String) -> [GatewayCaseVersion]? {
            cases[id]?.versions.enumerated().map { GatewayCaseVersion(number: Int64($0.offset + 1), size: Int64($0.element.count), savedAt: nil) }
        }
    }

    struct Failure: Error {
        let status: Int
        let detail: String
        init(_ status: Int, _ detail: String) { self.status = status; self.detail = detail }
    }

    let store: Store
    let port: Int
    private let task: Task<Void, any Error>

    init(certificate: TestCertificate, token: String, solveApp: String, work: String) async throws {
        let store = Store()
        self.store = store
        let router = Router()
        router.add(middleware: BearerCheck<BasicRequestContext>(token: token))
        let api = router.group("api/v1")
        api.post("cases") { request, _ -> Response in
            guard let name = request.uri.queryParameters.get("name"), request.uri.queryParameters.get("app") != nil else {
                return Self.problem(.init(400, "app and name are required"))
            }
            let body = try await Self.body(request)
            return try Self.json(await store.create(name: name, content: body), status: .created)
        }
        api.get("cases") { _, _ in try Self.json(["items": await store.all()]) }
        api.get("cases/:id") { _, context -> Response in
            guard let info = await store.info(try context.parameters.require("id")) else { return Self.problem(.init(404, "No case.")) }
            return try Self.json(info)
        }
        api.post("cases/:id/versions") { request, context -> Response in
            let id = try context.parameters.require("id")
            let body = try await Self.body(request)
            do { return try Self.json(try await store.append(id, content: body, ifMatch: request.headers[.ifMatch]), status: .created) } catch {
                return Self.problem(error as? Failure ?? .init(500, "\(error)"))
            }
        }
        api.get("cases/:id/versions") { _, context -> Response in
            guard let items = await store.versions(try context.parameters.require("id")) else { return Self.problem(.init(404, "No case.")) }
            return try Self.json(items)
        }
        api.get("cases/:id/versions/:n/content") { _, context -> Response in
            guard let data = await store.content(try context.parameters.require("id"), try context.parameters.require("n", as: Int.self)) else {
                return Self.problem(.init(404, "No such version."))
            }
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        api.post("jobs") { request, _ -> Response in
            struct Submit: Decodable { let `case`: String; let version: Int; let priority: Int; let session: String? }
            let submit = try JSONDecoder().decode(Submit.self, from: try await Self.body(request))
            await store.submitted(session: submit.session)
            guard let content = await store.content(submit.case, submit.version) else { return Self.problem(.init(404, "No such version.")) }
            let job = GatewayJob(id: "job-\(UUID().uuidString.prefix(8))", state: "queued", progress: nil, resultNumber: nil, reason: nil)
            await store.setJob(job)
            Task { await Self.run(job, caseId: submit.case, content: content, app: solveApp, work: work, store: store) }
            return try Self.json(job, status: .created)
        }
        api.post("jobs/:id/cancel") { _, context -> Response in
            do { return try Self.json(try await store.cancel(try context.parameters.require("id"))) } catch {
                return Self.problem(error as? Failure ?? .init(500, "\(error)"))
            }
        }
        api.get("jobs/:id") { _, context -> Response in
            guard let job = await store.job(try context.parameters.require("id")) else { return Self.problem(.init(404, "No job.")) }
            return try Self.json(job)
        }

        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate.certificatePath).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: certificate.keyPath, format: .pem)))
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, server: try .tls(.http1(), tlsConfiguration: tls),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) })
        task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        port = await iterator.next() ?? 0
    }

    var url: String { "https://127.0.0.1:\(port)/api/v1" }

    func stop() {
        task.cancel()
        for process in store.running.withLock({ $0 }) { process.stop() }
    }

    /// Runs the real `solve` on the version's content and saves the output as the next version.
    static func run(_ queued: GatewayJob, caseId: String, content: Data, app: String, work: String, store: Store) async {
        var job = queued
        job.state = "running"
        job.progress = "solving"
        await store.setJob(job)
        let input = work + "/job-input-\(job.id).json", output = work + "/job-output-\(job.id).json"
        do {
            try content.write(to: URL(fileURLWithPath: input))
            var environment = RuntimeBinary.baseEnvironment(work: work)
            environment["ATRIUM_APP_DIR"] = RuntimeBinary.app(app)
            environment["ATRIUM_INPUT"] = input
            environment["ATRIUM_OUTPUT"] = output
            let process = try RuntimeProcess(["solve"], environment: environment, directory: work)
            await store.started(job.id, process)
            let status = await process.wait(timeout: .seconds(120))
            process.stop()
            await store.ended(job.id)
            if await store.job(job.id)?.cancelRequested == true {
                job.state = "cancelled"
                job.cancelRequested = true
                await store.setJob(job)
                return
            }
            guard status == 0 else { throw Failure(500, process.stderr) }
            let saved = try await store.append(caseId, content: Data(contentsOf: URL(fileURLWithPath: output)), ifMatch: nil)
            job.state = "succeeded"
            job.progress = "done"
            job.resultNumber = saved.headNumber
        } catch {
            job.state = "failed"
            job.reason = "\(error)"
        }
        await store.setJob(job)
    }

    static func body(_ request: Request) async throws -> Data {
        Data(try await request.body.collect(upTo: 1 << 24).readableBytesView)
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(value))))
    }

    static func problem(_ failure: Failure) -> Response {
        let body = (try? JSONSerialization.data(withJSONObject: ["title": "Error", "status": failure.status, "detail": failure.detail])) ?? Data()
        return Response(status: .init(code: failure.status), headers: [.contentType: "application/problem+json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    struct BearerCheck<Context: RequestContext>: RouterMiddleware {
        let token: String
        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            guard request.headers[.authorization] == "Bearer \(token)" else { return FakeGateway.problem(.init(401, "No valid token.")) }
            return try await next(request, context)
        }
    }
}
