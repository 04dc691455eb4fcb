#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// SIGTERM/SIGINT during `serve`. The editor's sockets are told first (an `ended` message, then a
/// close frame), so a browser knows the session is over rather than merely disconnected; then
/// the process exits 0 once they are closed, or after `socketGrace` (there is nothing to save).
/// The server is not given the signal itself: its graceful shutdown closes sockets at once
/// (1000, no reason), racing the `ended` message. `deadline` is the last resort.
final class ServeStop: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private let socketGrace: Duration
    private let deadline: DispatchTimeInterval

    init(socketGrace: Duration = .seconds(1), deadline: DispatchTimeInterval = .seconds(3)) {
        self.socketGrace = socketGrace
        self.deadline = deadline
    }

    func install(_ session: EditorSession) {
        for number in [SIGTERM, SIGINT] {
            #if canImport(Darwin)
            // kqueue delivers to the source only when the default action is off; on Linux
            // libdispatch installs its own handler.
            signal(number, SIG_IGN)
            #endif
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [deadline, socketGrace] in
                Task {
                    await session.closeAll()
                    let until = ContinuousClock.now + socketGrace
                    while await session.socketCount > 0, ContinuousClock.now < until {
                        try? await Task.sleep(for: .milliseconds(20))
                    }
                    exit(0)
                }
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
