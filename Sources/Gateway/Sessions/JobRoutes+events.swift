import Catalog
import Foundation
import Hummingbird
import NIOCore
import Sessions

extension JobRoutes {
    /// `GET /jobs/{job}/events`: Server-Sent Events with the job's state and progress lines
    /// until it ends (the portal's job page follows it with `EventSource`).
    static func addEvents(to api: APIRouter) {
        let catalog = api.services.catalog
        let events = api.services.sessions.events
        api.add(APIRoute(.get, "/jobs/{job}/events", id: "followJob", tag: "jobs", access: .user,
                         summary: "Follow a job: text/event-stream of 'state' and 'progress' events until it ends.",
                         responses: [200: .eventStream]), fromSessions: true) { _, context in
            let job = try await visibleJob(context, catalog)
            let stream = await events.subscribe(job: job.id)
            let first = try await catalog.job(id: job.id) ?? job
            let body = ResponseBody { writer in
                try await writer.write(ByteBuffer(string: sse("state", first.state.rawValue)))
                if let progress = first.progress { try await writer.write(ByteBuffer(string: sse("progress", progress))) }
                if [.queued, .running].contains(first.state) {
                    for await event in stream {
                        switch event {
                        case .progress(let text): try await writer.write(ByteBuffer(string: sse("progress", text)))
                        case .state(let text): try await writer.write(ByteBuffer(string: sse("state", text)))
                        }
                    }
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
        }
    }

    /// One event; data lines never contain a newline.
    static func sse(_ event: String, _ data: String) -> String {
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }.joined(separator: "\n")
        return "event: \(event)\n\(lines)\n\n"
    }
}
