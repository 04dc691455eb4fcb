#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// SIGTERM/SIGINT during `serve`: Hummingbird's graceful shutdown waits for open connections,
/// and a browser's WebSocket stays open, so the editor closes its sockets first; if the server
/// still has not stopped after `deadline`, the process exits anyway (there is nothing to save).
final class ServeStop: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private let deadline: DispatchTimeInterval

    init(deadline: DispatchTimeInterval = .seconds(3)) { self.deadline = deadline }

    func install(_ session: EditorSession) {
        for number in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [deadline] in
                Task { await session.closeAll() }
                DispatchQueue.global().asyncAfter(deadline: .now() + deadline) {
                    Console.error("atrium-runtime-mathprog serve: the server did not stop in time; exiting")
                    exit(0)
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
