import Foundation
import Testing

/// Queuing jobs of the fixture app and checking how they ended.
extension ClusterHarness {
    static let terminalStates: Set<String> = ["succeeded", "failed", "cancelled"]

    /// `count` cases with `content` (Fixtures/README.md), each solved once; submitted through the
    /// nodes in turn.
    func submit(_ count: Int, content: String, name: String) async throws -> [SubmittedJob] {
        var jobs: [SubmittedJob] = []
        let tag = UUID().uuidString.prefix(6).lowercased()
        for index in 0..<count {
            let base = nodes[index % nodes.count].isRunning ? nodes[index % nodes.count].baseURL : survivor()
            let caseId = try await api.createCase(base, name: "\(name)-\(tag)-\(index)", content: content)
            jobs.append(SubmittedJob(id: try await api.submitJob(base, case: caseId), caseId: caseId))
        }
        return jobs
    }

    /// The jobs as the API shows them now (one list call), by id.
    func jobStates(_ jobs: [SubmittedJob], via base: String? = nil) async throws -> [String: [String: Any]] {
        let reply = try await api.call(base ?? survivor(), .GET, "/api/v1/jobs?limit=500")
        guard reply.status == 200, let items = try reply.object()["items"] as? [[String: Any]] else {
            throw Shell.Failure(command: "GET /api/v1/jobs", status: Int32(reply.status), output: reply.text)
        }
        let wanted = Set(jobs.map(\.id))
        var result: [String: [String: Any]] = [:]
        for item in items { if let id = item["id"] as? String, wanted.contains(id) { result[id] = item } }
        return result
    }

    /// Waits until every job ended (succeeded, failed or cancelled); returns them by id.
    func waitUntilFinished(_ jobs: [SubmittedJob], seconds: Double) async throws -> [String: [String: Any]] {
        var last: [String: [String: Any]] = [:]
        do {
            try await eventually("all \(jobs.count) jobs ended", seconds: seconds, poll: 0.5) {
                guard let states = try? await self.jobStates(jobs) else { return false }
                last = states
                return states.count == jobs.count && states.values.allSatisfy { Self.terminalStates.contains($0["state"] as? String ?? "") }
            }
        } catch {
            let open = last.values.filter { !Self.terminalStates.contains($0["state"] as? String ?? "") }
            print("jobs not ended: \(open.map { "\($0["id"] ?? "?") \($0["state"] ?? "?") node=\($0["node"] ?? "-") attempts=\($0["attempts"] ?? "?")" })")
            throw error
        }
        return last
    }

    /// Every job succeeded with at most three attempts and exactly one result (its case has
    /// versions 1 and 2 only), and no attempt ever found its job running already.
    func expectEachFinishedOnce(_ jobs: [SubmittedJob], _ finals: [String: [String: Any]]) async throws {
        for job in jobs {
            let final = finals[job.id] ?? [:]
            let attempts = JSONNumber.int(final["attempts"]) ?? -1
            expect(final["state"] as? String == "succeeded", "job \(job.id) ended \(final["state"] ?? "?"): \(final["reason"] ?? "")")
            expect((1...3).contains(attempts), "job \(job.id) took \(attempts) attempts")
            expect(JSONNumber.int(final["resultNumber"]) == 2, "job \(job.id) result version \(final["resultNumber"] ?? "none")")
            let record = try await api.caseRecord(survivor(), job.caseId)
            expect(JSONNumber.int(record["headNumber"]) == 2, "case of job \(job.id) has head \(record["headNumber"] ?? "?"), not 2")
        }
        expect(doubles.isEmpty, "a job ran twice at once (double.log):\n\(doubles)")
    }

    /// Nodes on which `job` started an attempt, in order (starts.log).
    func attemptNodes(_ job: String) -> [String] {
        starts.filter { $0.count >= 3 && $0[0] == "start" && $0[1] == job }.map { $0[2] }
    }
}
